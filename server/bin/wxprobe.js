#!/usr/bin/env node
// The `wxprobe` command: runs the esbuild bundle made by `npm run build` (part of `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/wxprobe.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('wxprobe: the CLI is not built yet. Run `npm install` (or `npm run build`) first.');
  process.exit(2);
}
await import(bundle.href);
