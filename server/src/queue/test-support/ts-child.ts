/**
 * Runs a TypeScript entry as a child process for the PostgreSQL tests that kill a process hard:
 * bundled with esbuild under node_modules/.cache (so its npm imports resolve), started with one JSON
 * argument, and read line by line: every stdout line is one JSON message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../../scripts/bundle-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export async function bundleChild(entry: string): Promise<{ file: string; remove: () => void }> {
  const outdir = join(root, 'node_modules', '.cache', 'wxprobe-pg-tests');
  mkdirSync(outdir, { recursive: true });
  const name = entry.replace(/.*\//, '').replace(/\.ts$/, '');
  const file = join(outdir, `${name}-${process.pid}-${Date.now()}.mjs`);
  await bundleForNode(entry, file);
  return { file, remove: () => rmSync(file, { force: true }) };
}

export type JsonChild<M> = {
  child: ChildProcess;
  messages: M[];
  /** Resolves with the first message (already received or later) that matches. */
  waitFor(match: (message: M) => boolean, what: string, timeoutMs?: number): Promise<M>;
  kill9(): Promise<void>;
  stderr(): string;
};

export function startJsonChild<M>(file: string, arg: unknown): JsonChild<M> {
  const child = spawn(process.execPath, [file, JSON.stringify(arg)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: M[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) messages.push(JSON.parse(line) as M);
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });
  return {
    child,
    messages,
    stderr: () => err,
    waitFor(match, what, timeoutMs = 30_000) {
      return new Promise((resolveMessage, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found !== undefined) {
            done();
            resolveMessage(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`child exited before ${what}:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${what}:\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
