/**
 * The real raw errors users reported (`shared/classify/testdata/errmsg-dev.jsonl`, the project's own
 * test data), turned into what a wx `fail` callback receives.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusLine = {
  raw: string;
  errno: number | null;
  platform: string;
  phase: string;
  kind: string;
  cause?: string;
};

// A path, not `new URL(…, import.meta.url)`: under jsdom the global URL is jsdom's, and resolves oddly.
export const CORPUS_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'classify',
  'testdata',
  'errmsg-dev.jsonl',
);

export function loadCorpus(): CorpusLine[] {
  return readFileSync(CORPUS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusLine);
}

/**
 * Some lines were reported as the whole callback object (`{"errno":600001,"errMsg":"…"}`, sometimes
 * in JS notation): WeChat's fail callback gets that object, so the errMsg is unwrapped from it.
 */
export function asWxFailure(line: CorpusLine): { errMsg: string; errno?: number | null } {
  const text = line.raw.trim();
  let errMsg = line.raw;
  try {
    const parsed: unknown = JSON.parse(text);
    const obj = Array.isArray(parsed) ? parsed[0] : parsed;
    if (obj && typeof obj === 'object' && typeof (obj as { errMsg?: unknown }).errMsg === 'string') {
      errMsg = (obj as { errMsg: string }).errMsg;
    }
  } catch {
    const js = /^\{\s*errMsg\s*:\s*"?(.*?)"?\s*\}$/.exec(text);
    if (js) errMsg = js[1]!;
  }
  return line.errno === null ? { errMsg } : { errMsg, errno: line.errno };
}

/** The first corpus line matching, so tests name what they need instead of hard-coding a string. */
export function corpusLine(predicate: (line: CorpusLine) => boolean): CorpusLine {
  const found = loadCorpus().find(predicate);
  if (!found) throw new Error('no corpus line matches');
  return found;
}
