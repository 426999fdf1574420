import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run lab` as a user runs it: the bundled main.ts in its own process, stopped with a signal.
const here = dirname(fileURLToPath(import.meta.url));
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'wxprobe-lab-main-test-'));
  bundle = join(outDir, 'lab.mjs');
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS dependencies need a real `require` inside an ES module.
    banner: {
      js: "import { createRequire as __wxprobeRequire } from 'node:module'; const require = __wxprobeRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function startMain(args: string[]): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/Ctrl-C/.test(stdout)) resolve(stdout);
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`lab exited early (${code}): ${stderr}`)));
  });
  return { child, output: () => stdout, ready };
}

const repoRoot = join(here, '..', '..');

/** A printed command line exactly as a user pastes it into a shell in the repository. */
function runInShell(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('npm run lab (server/lab/main.ts)', () => {
  it('prints the table in English with --lang en, and cleans up on SIGINT', async () => {
    const { child, output, ready } = startMain([
      '--lang',
      'en',
      '--cases',
      'ok,icp-block,nxdomain',
      '--seed',
      '5',
    ]);
    const table = await ready;
    expect(table).toMatch(/^wxprobe lab: real misbehaving endpoints on loopback/);
    expect(table).toMatch(
      /icp-block\s+https:\/\/icp-block\.lab\.wxprobe\.test:\d+\/\s+127\.77\.0\.12 \(http :\d+\)\s+an Alibaba Cloud-style/,
    );
    expect(table).toMatch(
      /\$ npx wxprobe probe https:\/\/icp-block\.lab\.wxprobe\.test:\d+\/ --dns-server 127\.0\.0\.1:\d+ --ca \S+ --allow-private --http-port \d+/,
    );
    expect(table).toMatch(/expected cause: icp-filing-block/);
    expect(table).toMatch(/ICP filter seed: 5/);
    const caFile = /lab root CA: (\S+)/.exec(table)?.[1];
    expect(caFile && existsSync(caFile)).toBe(true);

    child.kill('SIGINT');
    expect(await exitOf(child)).toBe(0);
    expect(output()).toMatch(/SIGINT: closing the lab/);
    expect(existsSync(caFile!)).toBe(false);
  });

  it('prints commands that run as typed from the repository (npx wxprobe …, through a shell)', async () => {
    const { child, ready } = startMain(['--cases', 'ok,icp-block', '--lang', 'en']);
    try {
      const table = await ready;
      const commands = [...table.matchAll(/^\s+\$ (.+)$/gm)].map((m) => m[1] as string);
      expect(commands.length).toBeGreaterThanOrEqual(2);
      for (const command of commands) expect(command).toMatch(/^npx wxprobe probe /);
      const okCommand = commands.find((c) => c.includes('//ok.'));
      const icpCommand = commands.find((c) => c.includes('//icp-block.'));
      const [ok, icp] = await Promise.all([runInShell(okCommand!), runInShell(icpCommand!)]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('[ok]');
      expect(icp.code, icp.stderr).toBe(1);
      expect(icp.stdout).toContain('[icp-filing-block]');
    } finally {
      child.kill('SIGINT');
      await exitOf(child);
    }
  });

  it('speaks Chinese by default and stops on SIGTERM', async () => {
    const { child, ready } = startMain(['--cases', 'ok']);
    const table = await ready;
    expect(table).toMatch(/^wxprobe 实验室/);
    expect(table).toMatch(/没有问题/);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('rejects unknown flags and cases with a usage message', async () => {
    for (const args of [['--bogus'], ['--cases', 'nope']]) {
      const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exitOf(child)).not.toBe(0);
      expect(stderr.length).toBeGreaterThan(0);
    }
  });
});
