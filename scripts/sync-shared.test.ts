import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { drift, expectedMirror } from './sync-shared.mjs';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfMirror(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxprobe-mirror-'));
  temps.push(dir);
  cpSync(join('miniprogram', 'shared'), dir, { recursive: true });
  return dir;
}

describe('the miniprogram/shared mirror', () => {
  it('holds exactly what the mini-program imports (run `npm run sync:shared` after changing shared/)', () => {
    expect(drift()).toEqual([]);
  });

  it('follows imports through shared/ and leaves out what the mini-program never reaches', () => {
    const mirrored = [...(expectedMirror() as Map<string, string>).keys()] as string[];
    // imported by the runner directly, and only through observations/index respectively
    expect(mirrored).toEqual(expect.arrayContaining(['observations/client.ts', 'observations/validate.ts']));
    // the diagnosis runs on the server; the phone never loads it
    expect(mirrored).not.toContain('diagnose/diagnose.ts');
    expect(mirrored.filter((rel) => rel.startsWith('diagnose/rules/'))).toEqual([]);
  });

  it('notices a hand-edited, a missing and a stale file', () => {
    const mirrored = [...(expectedMirror() as Map<string, string>).keys()] as string[];
    const copy = copyOfMirror();
    writeFileSync(join(copy, mirrored[0]!), '// edited by hand\n');
    rmSync(join(copy, mirrored[1]!));
    writeFileSync(join(copy, 'leftover.ts'), 'export {};\n');
    expect(drift(undefined, copy)).toEqual(
      expect.arrayContaining([`differs ${mirrored[0]}`, `missing ${mirrored[1]}`, 'stale leftover.ts']),
    );
  });

  it('leaves tests and test data out of the mini-program', () => {
    for (const rel of (expectedMirror() as Map<string, string>).keys()) {
      expect(rel.endsWith('.test.ts')).toBe(false);
      expect(rel.split(/[\\/]/)).not.toContain('testdata');
    }
  });
});
