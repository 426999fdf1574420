/**
 * Test helper, for tests only (testdata/ is left out of the WeChat mirror and of shared/'s purity lint):
 * loads a golden scenario's observations, validated against the schemas. A scenario probed from
 * several vantages holds `vantages.json`: `[{vantage, state, probeOf}]`, `probeOf` naming the
 * scenario whose recorded probe.json that vantage saw (null when it did not answer); its top-level
 * probe is then the first answered vantage's, as in a report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientObservation } from '../../observations/client';
import { parseClientObservation, parseProbeObservation } from '../../observations/index';
import type { ProbeObservation } from '../../observations/probe';
import { firstAnsweredProbe, vantagesSchema, type VantageProbe } from '../../observations/report';
import { validate } from '../../observations/validate';

export const TESTDATA = dirname(fileURLToPath(import.meta.url));

export type Views = {
  client: ClientObservation | null;
  probe: ProbeObservation | null;
  vantages: VantageProbe[] | null;
};

type VantageFile = Array<{ vantage: string; state: string; probeOf: string | null }>;

function loadVantages(name: string, read: (file: string) => unknown): VantageProbe[] {
  const listed = (read('vantages.json') as VantageFile).map(({ probeOf, ...v }) => ({
    ...v,
    probe: probeOf ? loadScenario(probeOf).probe : null,
  }));
  const errors = validate(vantagesSchema, listed);
  if (errors.length) throw new Error(`${name}/vantages.json invalid: ${JSON.stringify(errors)}`);
  return listed as VantageProbe[];
}

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
  const vantages = existsSync(join(TESTDATA, name, 'vantages.json')) ? loadVantages(name, read) : null;
  if (vantages && !probe) probe = firstAnsweredProbe(vantages);
  return { client, probe, vantages };
}
