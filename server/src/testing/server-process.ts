/**
 * Runs the real server entry (main.ts) as a child process, bundled on the fly with esbuild the way
 * `npm start` bundles it, so tests can kill it hard, or check how it starts. The bundle goes under
 * node_modules/.cache so its npm imports resolve from the project's node_modules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../scripts/bundle-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export async function bundleServer(): Promise<string> {
  const outdir = join(root, 'node_modules', '.cache', 'wxprobe-server-tests');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `server-${process.pid}-${Date.now()}.mjs`);
  await bundleForNode(join(root, 'server/src/main.ts'), outfile);
  return outfile;
}

export type ServerChild = { child: ChildProcess; baseUrl: string; stderr: () => string };

/** Starts the bundle with the given environment and waits for its "listening on" line. */
export function startServerProcess(bundle: string, env: Record<string, string>): Promise<ServerChild> {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, baseUrl: match[1]!, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    });
  });
}

/** Runs the bundle to completion (for start-up failures) and returns its exit code and output. */
export function runServerProcess(
  bundle: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [bundle], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
