#!/usr/bin/env node
// Bundles the command-line entry points into server/dist/ with esbuild so they start as plain
// JavaScript (no TypeScript loader at run time). npm packages stay external: they are in node_modules.
// Each entry is built on its own so one broken entry does not hide the others; any failure exits 1.
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

const results = await Promise.allSettled(
  Object.entries(entries)
    .filter(([, path]) => existsSync(join(root, path)))
    .map(async ([name, path]) => {
      await build({
        entryPoints: { [name]: join(root, path) },
        outdir: join(root, 'server', 'dist'),
        outExtension: { '.js': '.mjs' },
        // Each subcommand is loaded lazily: splitting keeps undici & co. out of `wxprobe classify`'s start-up.
        splitting: true,
        chunkNames: 'chunks/[name]-[hash]',
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        // The wxprobe command bundles its npm dependencies (undici) too: resolving and loading ~40
        // CommonJS files from node_modules is a large share of a probe's start-up. The server and the
        // lab keep them external (long-running; native addons such as better-sqlite3).
        ...(name === 'wxprobe'
          ? {
              // bundled CommonJS calls require() for node: built-ins, which an ES module lacks
              banner: {
                js: "import { createRequire as __wxCreateRequire } from 'node:module';\nconst require = __wxCreateRequire(import.meta.url);",
              },
            }
          : { packages: 'external' }),
        sourcemap: 'linked',
        logLevel: 'silent',
      });
      return name;
    }),
);
const built = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
const failed = results.filter((r) => r.status === 'rejected');
for (const f of failed) console.error(`build failed: ${f.reason?.message ?? f.reason}`);
console.log(`built ${built.join(', ') || 'nothing'} into server/dist/`);
if (failed.length) process.exit(1);
