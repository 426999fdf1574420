#!/usr/bin/env node
// `npm run bench`: speed figures, printed, never asserted in unit tests. Builds the TypeScript bench
// (it starts the lab in-process) with esbuild, runs it, then runs the classifier bench.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repo (gitignored) so the bundle resolves node_modules.
const dir = join(root, '.bench-build');
mkdirSync(dir, { recursive: true });
try {
  spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const out = join(dir, 'bench.mjs');
  await bundleForNode(join(root, 'scripts/bench/main.ts'), out);
  const res = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  if (existsSync(join(root, 'scripts/bench-classify.mjs'))) {
    spawnSync(process.execPath, [join(root, 'scripts/bench-classify.mjs')], { stdio: 'inherit', cwd: root });
  }
  process.exitCode = res.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
