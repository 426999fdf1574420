/**
 * Reads an observation file given on the command line and validates it against its schema.
 * Failures become one-line reasons (exit 2 in the CLI), never stack traces.
 */
import { readFile } from 'node:fs/promises';
import {
  formatValidationErrors,
  parseClientObservation,
  parseProbeObservation,
  parseReport,
  type Parsed,
} from '../../../shared/observations/index';

export class InputFileError extends Error {}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputFileError(`${path} is not JSON: ${(err as Error).message}`);
  }
}

function unwrap<T>(path: string, what: string, parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  throw new InputFileError(
    `${path} is not a valid ${what} document: ${formatValidationErrors(parsed.errors)}`,
  );
}

export async function readClientObservation(path: string) {
  const value = await readJson(path);
  // A whole report is accepted too: its client view is taken.
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { schema?: unknown }).schema === 'wxprobe.report/1'
  ) {
    const report = unwrap(path, 'wxprobe.report/1', parseReport(value));
    if (!report.client) throw new InputFileError(`${path} is a report without a client view`);
    return report.client;
  }
  return unwrap(path, 'wxprobe.client/1', parseClientObservation(value));
}

export async function readProbeObservation(path: string) {
  const value = await readJson(path);
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { schema?: unknown }).schema === 'wxprobe.report/1'
  ) {
    const report = unwrap(path, 'wxprobe.report/1', parseReport(value));
    if (!report.probe) throw new InputFileError(`${path} is a report without a probe view`);
    return report.probe;
  }
  return unwrap(path, 'wxprobe.probe/1', parseProbeObservation(value));
}
