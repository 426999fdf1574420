#!/usr/bin/env node
// Times `wxprobe classify --jsonl` on a 1,000-line input made from the corpus of real raw errors
// (repeated and varied), and the start-up time of `wxprobe --help`. Prints medians; exits 1 when a
// goal is missed (1,000 lines well under 2 s; start-up well under 200 ms).
//   node scripts/bench-classify.mjs [--lines 1000] [--runs 7]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'server', 'bin', 'wxprobe.js');
const corpusPath = fileURLToPath(new URL('../shared/classify/testdata/errmsg-dev.jsonl', import.meta.url));

const { values } = parseArgs({
  options: { lines: { type: 'string', default: '1000' }, runs: { type: 'string', default: '7' } },
});
const LINES = Number(values.lines);
const RUNS = Number(values.runs);
const GOAL_JSONL_MS = 2000;
const GOAL_STARTUP_MS = 200;

if (!existsSync(join(root, 'server', 'dist', 'wxprobe.mjs'))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
}

// A deterministic generator, so every run measures the same input.
let seed = 20240611;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];

function corpusLines() {
  return readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function variedInput(base, count) {
  const apis = ['request', 'uploadFile', 'downloadFile', 'connectSocket'];
  const hosts = ['api.example.com', 'a.b.example.cn', 'img.example.net', 'ws.example.org'];
  const lines = [];
  for (let i = 0; i < count; i++) {
    const line = base[i % base.length];
    let raw = String(line.raw);
    const variant = i % 5;
    if (variant === 1) raw = raw.replace(/^request:/i, `${pick(apis)}:`);
    if (variant === 2) raw = raw.replace(/https?:\/\/[^\s'"]+/g, `https://${pick(hosts)}/v${i}`);
    if (variant === 3) raw = JSON.stringify({ errMsg: raw, errno: line.errno ?? undefined });
    if (variant === 4) raw = `${raw} (seq ${i})`;
    const input = { raw };
    if (line.errno !== null && line.errno !== undefined && variant !== 3) input.errno = line.errno;
    if (random() < 0.5 && line.platform !== 'unknown') input.platform = line.platform;
    lines.push(JSON.stringify(input));
  }
  return `${lines.join('\n')}\n`;
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeRun(args, input) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'wxprobe-bench-'));
try {
  const input = variedInput(corpusLines(), LINES);
  writeFileSync(join(dir, 'input.jsonl'), input);

  timeRun([bin, 'classify', '--jsonl'], input); // warm the file cache
  const jsonl = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, stdout } = timeRun([bin, 'classify', '--jsonl'], input);
    const outLines = stdout.trimEnd().split('\n').length;
    if (outLines !== LINES) throw new Error(`expected ${LINES} output lines, got ${outLines}`);
    jsonl.push(ms);
  }
  const startup = [];
  const bare = [];
  for (let i = 0; i < RUNS * 2; i++) {
    startup.push(timeRun([bin, '--help']).ms);
    bare.push(timeRun(['-e', '0']).ms);
  }

  const jsonlMs = median(jsonl);
  const startupMs = median(startup);
  const bareMs = median(bare);
  const fmt = (n) => `${n.toFixed(1)} ms`;
  console.log(
    `wxprobe classify --jsonl, ${LINES} lines: median ${fmt(jsonlMs)} over ${RUNS} runs (goal < ${GOAL_JSONL_MS} ms)`,
  );
  console.log(`  per line, start-up included: ${(jsonlMs / LINES).toFixed(3)} ms`);
  console.log(
    `wxprobe --help start-up: median ${fmt(startupMs)} over ${RUNS * 2} runs (goal < ${GOAL_STARTUP_MS} ms)`,
  );
  console.log(
    `  node -e 0 on this machine: median ${fmt(bareMs)} (the floor; wxprobe's own share ${fmt(startupMs - bareMs)})`,
  );
  const missed = jsonlMs >= GOAL_JSONL_MS || startupMs >= GOAL_STARTUP_MS;
  console.log(missed ? 'MISSED a goal' : 'goals met');
  process.exitCode = missed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
