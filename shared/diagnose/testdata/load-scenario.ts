/**
 * Test helper, for tests only (testdata/ is left out of the WeChat mirror and of shared/'s purity lint):
 * loads a golden scenario's observations, validated against the schemas.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientObservation } from '../../observations/client';
import { parseClientObservation, parseProbeObservation } from '../../observations/index';
import type { ProbeObservation } from '../../observations/probe';

export const TESTDATA = dirname(fileURLToPath(import.meta.url));

export type Views = { client: ClientObservation | null; probe: ProbeObservation | null };

export function loadScenario(name: string): Views {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(TESTDATA, name, file), 'utf8')) as unknown;
  let client: ClientObservation | null = null;
  let probe: ProbeObservation | null = null;
  if (existsSync(join(TESTDATA, name, 'client.json'))) {
    const parsed = parseClientObservation(read('client.json'));
    if (!parsed.ok) throw new Error(`${name}/client.json invalid: ${JSON.stringify(parsed.errors)}`);
    client = parsed.value;
  }
  if (existsSync(join(TESTDATA, name, 'probe.json'))) {
    const parsed = parseProbeObservation(read('probe.json'));
    if (!parsed.ok) throw new Error(`${name}/probe.json invalid: ${JSON.stringify(parsed.errors)}`);
    probe = parsed.value;
  }
  return { client, probe };
}
