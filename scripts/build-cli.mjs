#!/usr/bin/env node
// Bundles the CLI into server/dist/ with esbuild so `wxprobe` starts as plain JavaScript (no
// TypeScript loader at run time). npm packages stay external: they are in node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  wxprobe: 'server/src/cli/main.ts',
  server: 'server/src/main.ts',
  lab: 'server/lab/main.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries)
    .filter(([, path]) => existsSync(join(root, path)))
    .map(([name, path]) => [name, join(root, path)]),
);

await build({
  entryPoints,
  outdir: join(root, 'server', 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`built ${Object.keys(entryPoints).join(', ')} into server/dist/`);
