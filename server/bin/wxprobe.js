#!/usr/bin/env node
// The `wxprobe` command: runs the esbuild bundle made by `npm run build` (part of `npm install`).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/wxprobe.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('wxprobe: the CLI is not built yet. Run `npm install` (or `npm run build`) first.');
  process.exit(2);
}
// Node ≥ 22.1 keeps V8's compiled code of the bundle on disk (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): a one-shot command then spends its
// first milliseconds probing instead of compiling ~600 KB of JavaScript again. Node 20 has no such cache.
module.enableCompileCache?.();
await import(bundle.href);
