#!/usr/bin/env node
// Prints the size of the mini-program code package and exits 1 above a budget.
//   node scripts/miniprogram-size.mjs [--budget <KB>] [--files <N>] [--ci <dir>]
//   budget default 150 KB; --files lists the N largest files; --ci (or WXPROBE_MINIPROGRAM_CI=<dir>)
//   names a folder where miniprogram-ci is installed (`npm install --prefix <dir> miniprogram-ci@2.1.42`,
//   ~275 MB, so not a dependency of this project): the package is then compiled by miniprogram-ci
//   exactly as devtools uploads it (TypeScript, ES6→ES5 with Babel's helpers, minified), and that is
//   the figure checked against the budget. Without it, the figure is this script's estimate (below). (WeChat's main-package limit: 2048 KB)
// It counts what WeChat devtools uploads with this project.config.json: the files under
// miniprogramRoot minus packOptions.ignore; only the files reachable from app.json when
// `ignoreUploadUnusedFiles` is on; each .ts as the JavaScript devtools ships (types stripped by
// TypeScript to CommonJS as devtools' TypeScript plugin does, minified when `minified` is on). The other figures are printed for comparison.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'));
const packageRoot = join(root, project.miniprogramRoot ?? '');
const setting = project.setting ?? {};
const ignores = project.packOptions?.ignore ?? [];

const budgetArg = process.argv.indexOf('--budget');
const budgetKb = budgetArg === -1 ? 150 : Number(process.argv[budgetArg + 1]);
if (!Number.isFinite(budgetKb) || budgetKb <= 0) {
  console.error('usage: node scripts/miniprogram-size.mjs [--budget <KB>]');
  process.exit(2);
}

const ciArg = process.argv.indexOf('--ci');
const ciDir = ciArg === -1 ? process.env.WXPROBE_MINIPROGRAM_CI : process.argv[ciArg + 1];

const posix = (rel) => rel.split(sep).join('/');

/** A packOptions glob (`**` any folders, `*` any name part) as a RegExp over posix paths. */
function globRegExp(glob) {
  const source = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${source}$`);
}

/** packOptions.ignore values are paths relative to miniprogramRoot. */
function ignored(rel) {
  const path = posix(rel);
  return ignores.some(({ type, value }) => {
    const v = String(value)
      .replace(/^\.?\//, '')
      .replace(/\/$/, '');
    if (type === 'suffix') return path.endsWith(v);
    if (type === 'prefix') return path.split('/').pop().startsWith(v);
    if (type === 'folder') return path === v || path.startsWith(`${v}/`);
    if (type === 'file') return path === v;
    if (type === 'glob') return globRegExp(v).test(path);
    return false;
  });
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Pages, and the components they use (recursively), as paths without extension. */
function pagesAndComponents() {
  const app = JSON.parse(readFileSync(join(packageRoot, 'app.json'), 'utf8'));
  const seen = new Set();
  const visit = (path, usingComponents = {}) => {
    if (seen.has(path)) return;
    seen.add(path);
    const jsonFile = join(packageRoot, `${path}.json`);
    const json = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
    for (const target of Object.values({ ...usingComponents, ...(json.usingComponents ?? {}) })) {
      if (target.startsWith('plugin://')) continue;
      visit(target.startsWith('/') ? target.slice(1) : posix(join(dirname(path), target)));
    }
  };
  for (const page of app.pages ?? []) visit(page, app.usingComponents);
  for (const sub of app.subpackages ?? app.subPackages ?? [])
    for (const page of sub.pages) visit(`${sub.root}/${page}`);
  return [...seen];
}

/** Files reachable from app.json: app files, page/component files, and every module their scripts import. */
function reachable() {
  const units = pagesAndComponents();
  const files = new Set(['app.json', 'app.wxss', 'sitemap.json']);
  for (const unit of units) for (const ext of ['json', 'wxml', 'wxss']) files.add(`${unit}.${ext}`);
  const entries = ['app', ...units].map((u) => join(packageRoot, `${u}.ts`)).filter(existsSync);
  const { metafile } = buildSync({
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'neutral',
    outdir: join(root, '.size-check'),
    logLevel: 'error',
    absWorkingDir: root,
  });
  for (const input of Object.keys(metafile.inputs))
    files.add(posix(relative(packageRoot, join(root, input))));
  return files;
}

function shippedBytes(file, minify) {
  const bytes = readFileSync(file);
  if (!file.endsWith('.ts')) return bytes.length;
  // As devtools' TypeScript compiler plugin ships a .ts file: TypeScript's own CommonJS output
  // (require/exports, no bundler helpers per file), then minified when `minified` is on. UTF-8 as
  // written: devtools' minifier (terser, ascii_only off) keeps Chinese text as UTF-8, where
  // esbuild's default would spell each character as a six-byte \u escape.
  const js = ts.transpileModule(bytes.toString('utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, importHelpers: false },
  }).outputText;
  if (!minify) return Buffer.byteLength(js);
  return Buffer.byteLength(transformSync(js, { loader: 'js', minify, charset: 'utf8' }).code);
}

const all = walk(packageRoot)
  .map((f) => relative(packageRoot, f))
  .filter((rel) => !ignored(rel));
const reach = reachable();
const used = all.filter((rel) => reach.has(posix(rel)));

const filesArg = process.argv.indexOf('--files');
const topFiles = filesArg === -1 ? 0 : Number(process.argv[filesArg + 1]) || 20;

function measure(files, minify, perFile) {
  const byFolder = new Map();
  let total = 0;
  for (const rel of files) {
    const size = shippedBytes(join(packageRoot, rel), minify);
    perFile?.push([size, posix(rel)]);
    const folder = rel.includes(sep) ? rel.split(sep)[0] : '(root)';
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + size);
    total += size;
  }
  return { total, byFolder, count: files.length };
}

const onlyUsed = setting.ignoreUploadUnusedFiles === true;
const minified = setting.minified === true;
/** The package as miniprogram-ci compiles it: bytes per shipped file, by folder. */
function compiledByMiniprogramCi(dir, perFile) {
  const out = execFileSync(
    process.execPath,
    [join(root, 'scripts', 'miniprogram-ci-compile.mjs'), dir, root],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  const { files } = JSON.parse(out.trim().split('\n').pop());
  const byFolder = new Map();
  let total = 0;
  for (const [path, size] of Object.entries(files)) {
    perFile.push([size, path]);
    const folder = path.includes('/') ? path.split('/')[0] : '(root)';
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + size);
    total += size;
  }
  return { total, byFolder, count: Object.keys(files).length };
}

const perFile = [];
const estimatePerFile = [];
const estimate = measure(onlyUsed ? used : all, minified, estimatePerFile);
const configured = ciDir ? compiledByMiniprogramCi(ciDir, perFile) : estimate;
if (!ciDir) perFile.push(...estimatePerFile);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (topFiles > 0) {
  for (const [size, rel] of perFile.sort((a, b) => b[0] - a[0]).slice(0, topFiles))
    console.log(`  ${kb(size).padStart(10)}  ${rel}`);
}

for (const [folder, size] of [...configured.byFolder].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${folder.padEnd(14)} ${kb(size).padStart(10)}`);
}
const how = ciDir
  ? 'compiled by miniprogram-ci as devtools uploads it'
  : `estimated: ${onlyUsed ? 'reachable files only' : 'every file'}, each .ts as TypeScript's ES2020 output, ` +
    `JS ${minified ? 'minified' : 'not minified'}, no ES5 transform (miniprogram-ci measures ~6% more, 141.0 vs 133.1 KB: pass --ci)`;
console.log(
  `mini-program package: ${kb(configured.total)} in ${configured.count} files (${how}); budget ${budgetKb} KB`,
);
if (ciDir) console.log(`  this script's estimate without miniprogram-ci: ${kb(estimate.total)}`);
console.log(
  `  for comparison (estimate): every file ${kb(measure(all, minified).total)}, reachable files only ${kb(measure(used, minified).total)} ` +
    `(${used.length} files), reachable not minified ${kb(measure(used, false).total)}`,
);
if (configured.total > budgetKb * 1024) {
  console.error(`over budget by ${kb(configured.total - budgetKb * 1024)}`);
  process.exit(1);
}
