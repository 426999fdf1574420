/**
 * vitest globalSetup: compiles the mini-program to CommonJS in `.vitest-build/miniprogram-<random>/`
 * so that miniprogram-simulate (which `require()`s `<path>.js` and reads `.json/.wxml/.wxss` beside
 * it) can load pages and components. It runs here, not in the test files, because esbuild refuses
 * to run inside a jsdom environment. Tests and test helpers are left out, as packOptions does.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildRoot, repoRoot } from './paths';

const source = join(repoRoot, 'miniprogram');
const STATIC = ['.json', '.wxml', '.wxss', '.wxs'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'test' ? [] : walk(full);
    return [full];
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(buildRoot, { recursive: true });
  const out = mkdtempSync(join(buildRoot, 'miniprogram-'));
  const files = walk(source);
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')),
    outdir: out,
    outbase: source,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    bundle: false,
    logLevel: 'error',
  });
  for (const file of files.filter(
    (f) => STATIC.some((ext) => f.endsWith(ext)) && !f.endsWith('tsconfig.json'),
  )) {
    const target = join(out, relative(source, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  // The root package is "type": "module"; the compiled mini-program is CommonJS.
  writeFileSync(join(out, 'package.json'), '{"type":"commonjs"}\n');
  project.provide('miniprogramBuild', out);
  return () => rmSync(out, { recursive: true, force: true });
}
