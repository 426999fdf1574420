/**
 * The README's command-line examples, as written. `classify` examples need nothing but the command,
 * so they run verbatim through a shell from the repository (npx finds the package's own bin). The
 * `probe` / `diagnose` examples name placeholder hosts (api.example.com) and files a reader makes
 * first, so they cannot run here; what can be checked is that the command accepts every flag as the
 * README spells it (a missing file is fine, an unknown option is not).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProbeFlags } from './probe-flags';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Every `npx wxprobe …` command in the README's sh blocks: continuations joined, comments dropped. */
function readmeCommands(): string[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((line) => line.replace(/\s{2,}#.*$/, '').trim())
    .filter((line) => /(^|\|\s*)npx wxprobe /.test(line));
}

/** Shell words of a simple command line (quotes, no expansions), stopping at a redirection. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const word = m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? (m[3] as string);
    if (m[3] !== undefined && /^[<>|]/.test(word)) break;
    out.push(word);
  }
  return out;
}

const commands = readmeCommands();
const bySubcommand = (name: string) => commands.filter((c) => new RegExp(`npx wxprobe ${name}\\b`).test(c));

describe('README command-line examples', () => {
  it('finds the examples (the test reads the README it claims to check)', () => {
    expect(bySubcommand('classify').length).toBeGreaterThanOrEqual(4);
    expect(bySubcommand('probe').length).toBeGreaterThanOrEqual(4);
    expect(bySubcommand('diagnose').length).toBeGreaterThanOrEqual(2);
  });

  it.each(bySubcommand('classify'))('runs as written: %s', (command) => {
    const run = spawnSync(command, { shell: true, cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().length).toBeGreaterThan(0);
  });

  it.each(bySubcommand('probe'))('probe accepts every flag as written: %s', (command) => {
    const argv = words(command).slice(3); // npx wxprobe probe
    const parsed = parseProbeFlags(argv);
    // the lab example's --ca names a temp file that exists only while that lab runs
    if (!parsed.ok) expect(parsed.error.problem?.code).toBe('not-ca-file');
    if (!parsed.ok)
      expect(parsed.error.text('zh')).toMatch(
        /^--ca 必须是可读的 PEM 文件：无法读取 \/tmp\/wxprobe-lab-XXXX\//,
      );
    else expect(parsed.url).toMatch(/^https:\/\//);
  });

  it.each(bySubcommand('diagnose'))('diagnose accepts every flag as written: %s', (command) => {
    // run from an empty place: the files the example names are not there, the flags must still parse
    const argv = words(command).slice(2); // npx wxprobe
    const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
    const run = spawnSync(process.execPath, [bin, ...argv], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/文件不存在/);
    expect(run.stderr).not.toMatch(/unknown|未知选项|usage:/);
  });
});
