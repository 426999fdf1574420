/**
 * Reads an observation file given on the command line and validates it against its schema.
 * Failures become one-line usage errors (exit 2 in the CLI), never stack traces.
 */
import { readFile } from 'node:fs/promises';
import {
  formatValidationErrors,
  parseClientObservation,
  parseProbeObservation,
  parseAnyReport,
  REPORT_SCHEMA_IDS,
  type Parsed,
} from '../../../shared/observations/index';
import { checkDocumentShape, DEFAULT_SHAPE_LIMITS } from '../document-shape';
import { UsageError } from './args';

/**
 * An unusable input file, said in Chinese and English (`text(lang)`): a usage error like any other,
 * so every command reports it the same way (args.ts).
 */
export class InputFileError extends UsageError {
  override name = 'InputFileError';
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `无法读取 ${path}：${code === 'ENOENT' ? '文件不存在' : (code ?? String(err))}`,
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    const reason = (err as Error).message;
    throw new InputFileError(`${path} 不是 JSON：${reason}`, `${path} is not JSON: ${reason}`);
  }
  // The same bounds the server applies: a document nested thousands deep would overflow the stack
  // of whatever serialises it later (--json), so it is refused here, with where.
  const violation = checkDocumentShape(value, DEFAULT_SHAPE_LIMITS);
  if (violation) {
    const { maxDepth, maxNodes } = DEFAULT_SHAPE_LIMITS;
    throw violation.limit === 'depth'
      ? new InputFileError(
          `${path} 嵌套太深（最多 ${maxDepth} 层）：${violation.path}`,
          `${path} is nested too deep (at most ${maxDepth} levels): ${violation.path}`,
        )
      : new InputFileError(
          `${path} 的值太多（最多 ${maxNodes} 个）：${violation.path}`,
          `${path} holds too many values (at most ${maxNodes}): ${violation.path}`,
        );
  }
  return value;
}

function unwrap<T>(path: string, what: string, parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  const errors = formatValidationErrors(parsed.errors);
  throw new InputFileError(
    `${path} 不是有效的 ${what} 文档：${errors}`,
    `${path} is not a valid ${what} document: ${errors}`,
  );
}

/**
 * Reads one view from a file holding either that observation or a whole report of any version still
 * read (`wxprobe.report/1` or `/2`; that side's view is taken), so a stored report can be re-diagnosed
 * as it is.
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
    (REPORT_SCHEMA_IDS as readonly unknown[]).includes((value as { schema?: unknown }).schema)
  ) {
    const schema = String((value as { schema?: unknown }).schema);
    const view = unwrap(path, schema, parseAnyReport(value))[side];
    if (!view)
      throw new InputFileError(
        `${path} 是一份没有${side === 'client' ? '手机视角（client）' : '服务器视角（probe）'}的报告`,
        `${path} is a report without a ${side} view`,
      );
    return view as T;
  }
  return unwrap(path, `wxprobe.${side}/1`, parse(value));
}

export const readClientObservation = (path: string) => readView(path, 'client', parseClientObservation);
export const readProbeObservation = (path: string) => readView(path, 'probe', parseProbeObservation);
