// Every raw error users reported (testdata/errmsg-dev.jsonl: real strings with their sources) must
// classify to exactly the phase/kind the corpus expects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyClientError } from './classify';

type CorpusLine = {
  raw: string;
  errno: number | null;
  platform: string;
  phase: string;
  kind: string;
  source: string;
};

const corpusUrl = new URL('./testdata/errmsg-dev.jsonl', import.meta.url);
const lines: CorpusLine[] = readFileSync(corpusUrl, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusLine);

describe('the reported raw errors (errmsg-dev corpus)', () => {
  it('is not empty', () => {
    expect(lines.length).toBeGreaterThanOrEqual(50);
  });

  it.each(lines.map((line, i) => [i + 1, line.raw.slice(0, 60), line] as const))(
    'line %i classifies as expected: %s',
    (_n, _short, line) => {
      const result = classifyClientError({ raw: line.raw, errno: line.errno, platform: line.platform });
      expect({ phase: result.phase, kind: result.kind }).toEqual({ phase: line.phase, kind: line.kind });
    },
  );

  it.each(lines.map((line, i) => [i + 1, line] as const))(
    'line %i classifies the same without the platform hint',
    (_n, line) => {
      const result = classifyClientError({ raw: line.raw, errno: line.errno });
      expect({ phase: result.phase, kind: result.kind }).toEqual({ phase: line.phase, kind: line.kind });
    },
  );

  it('never names a platform that contradicts the one the user reported', () => {
    for (const line of lines) {
      const inferred = classifyClientError({ raw: line.raw, errno: line.errno }).platform;
      if (inferred !== 'unknown' && line.platform !== 'unknown')
        expect(inferred, line.raw).toBe(line.platform);
    }
  });
});
