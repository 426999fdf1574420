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

/**
 * Reads one view from a file holding either that observation or a whole `wxprobe.report/1` (whose
 * view of that side is taken), so a stored report can be re-diagnosed as it is.
 */
async function readView<T>(
  path: string,
  side: 'client' | 'probe',
  parse: (v: unknown) => Parsed<T>,
): Promise<T> {
  const value = await readJson(path);
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { schema?: unknown }).schema === 'wxprobe.report/1'
  ) {
    const view = unwrap(path, 'wxprobe.report/1', parseReport(value))[side];
    if (!view) throw new InputFileError(`${path} is a report without a ${side} view`);
    return view as T;
  }
  return unwrap(path, `wxprobe.${side}/1`, parse(value));
}

export const readClientObservation = (path: string) => readView(path, 'client', parseClientObservation);
export const readProbeObservation = (path: string) => readView(path, 'probe', parseProbeObservation);
