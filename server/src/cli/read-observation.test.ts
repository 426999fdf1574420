// Input files given to `wxprobe diagnose` / `probe --client-report` meet the same bounds as the
// server's request bodies: the real command, run as a child process on a hostile file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
const goodClient = readFileSync(
  new URL('../../../shared/diagnose/testdata/ok-both-views/client.json', import.meta.url),
  'utf8',
).trim();
const dir = mkdtempSync(join(tmpdir(), 'wxprobe-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The good client document with `ext` set to the given JSON text (written as text: no stringify). */
function clientWithExt(extJson: string): string {
  const file = join(dir, `client-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, `${goodClient.slice(0, -1)},"ext":${extJson}}`);
  return file;
}

function wxprobe(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('an input file nested thousands deep', () => {
  const deep = clientWithExt(`${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`);

  it('is refused in one line with where, exit 2, even for --json (which would overflow serialising it)', () => {
    const run = wxprobe(['diagnose', '--client', deep, '--json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('nested too deep (at most 32 levels): /ext/a/a/a');
    expect(run.stderr).not.toMatch(/internal error|RangeError|at .*\.js/);
  });

  it('says so in Chinese by default', () => {
    const run = wxprobe(['diagnose', '--client', deep]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('嵌套太深（最多 32 层）');
  });
});

describe('an input file of reasonable shape', () => {
  it('is diagnosed as before, with a modest extension field kept', () => {
    const run = wxprobe(['diagnose', '--client', clientWithExt('{"note":{"by":"test"}}'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ client: { ext: { note: { by: 'test' } } } });
  });
});

describe('a stored report given as the input', () => {
  const v1 = fileURLToPath(
    new URL('../../../shared/report/testdata/report-v1-tls-reset.json', import.meta.url),
  );

  it('a wxprobe.report/1 (text evidence) is read for its views and diagnosed again as the current report version', () => {
    const run = wxprobe(['diagnose', '--client', v1, '--probe', v1, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      schema: string;
      diagnosis: { verdicts: Array<{ cause: string; evidence: Array<{ pointer: string }> }> };
    };
    expect(report.schema).toBe('wxprobe.report/3');
    expect(report.diagnosis.verdicts[0]?.cause).toBe('tls-reset');
    expect(report.diagnosis.verdicts[0]?.evidence[0]?.pointer).toBe('/probe/tls/variants/0');
  });
});
