/**
 * The read paths under load, as ratios to a Fastify hello-world measured in the same run (issue #14
 * §5): GET a stored report's JSON, its page, and client-only report ingestion (with the diagnosed
 * report sent back, and with `Prefer: return=minimal`: stored, diagnosed at its first read), each
 * against the real server entry (a child process, the bundle `npm start` runs) on SQLite and on
 * PostgreSQL (a throw-away cluster; skipped with the reason when PostgreSQL is missing). A first row
 * gives the floor of the ingestion rows: the hello-world's own POST, the same upload only parsed.
 *
 * The machine is shared and its load swings within seconds, so a yardstick measured once at the
 * start says little about a figure measured a minute later. The hello-world therefore stays up, and
 * each path is measured in rounds alternating with it; a row's ratio is the median of its rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from '../../server/lab/lab';
import { clientObservation, resetAttempts } from '../../server/src/testing/client-fixtures';
import { findPostgres, startPgCluster } from '../../server/src/testing/pg-cluster';
import { startServerProcess, type ServerChild } from '../../server/src/testing/server-process';
import { measureLoad, type LoadRequest, type LoadResult } from './http-load';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_MS = Number(process.env.BENCH_HTTP_MS ?? 3000);
const WARMUP_MS = Number(process.env.BENCH_HTTP_WARMUP_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);

type Row = { name: string; result: LoadResult; helloRps: number; ratios: number[] };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** ROUNDS alternations of (hello-world, the path); the path's answers summed over its rounds. */
async function measureAgainstHello(
  name: string,
  hello: string,
  origin: string,
  request: LoadRequest,
): Promise<Row> {
  const options = { connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: 0 };
  await measureLoad(origin, request, { ...options, durationMs: WARMUP_MS });
  const ratios: number[] = [];
  const hellos: number[] = [];
  const runs: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const base = await measureLoad(hello, { path: '/' }, options);
    const run = await measureLoad(origin, request, options);
    hellos.push(base.rps);
    runs.push(run);
    ratios.push(run.rps / base.rps);
  }
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  }
  const result: LoadResult = {
    rps: median(runs.map((r) => r.rps)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    statuses,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
  return { name, result, helloRps: median(hellos), ratios };
}

function startHelloWorld(root: string): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'scripts/bench/hello-world.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ origin: match[1]!, stop: () => child.kill('SIGKILL') });
    });
    child.on('exit', (code) => reject(new Error(`hello-world exited with ${code}`)));
  });
}

function serverEnv(lab: Lab): Record<string, string> {
  return {
    PORT: '0',
    WXPROBE_ALLOW_CIDRS: '127.0.0.0/8',
    WXPROBE_DNS_SERVER: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    WXPROBE_CA_FILE: lab.caFile,
    WXPROBE_ATTEMPTS: '3',
    // Each bench connection is its own client (http-load.ts), as a shared link's readers are; the
    // limits are lifted too, so that no figure is one of cheap 429 answers.
    WXPROBE_TRUST_PROXY: 'true',
    WXPROBE_RATE_LIMIT: '100000',
    WXPROBE_PROBE_RATE_LIMIT: '10000',
    WXPROBE_LOG_LEVEL: 'warn',
  };
}

async function stop(server: ServerChild): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** One stored report with both views (a probe of the lab's ICP case and ten phone resets). */
async function seedReport(server: ServerChild, lab: Lab): Promise<string> {
  const icp = lab.byCase('icp-block');
  const response = await fetch(`${server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: icp.url, client: clientObservation(icp.url, resetAttempts(10)) }),
  });
  if (response.status !== 201)
    throw new Error(`seeding a report: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The client-only upload every ingestion row sends: ten phone resets against the lab's "ok" case. */
function clientOnlyUpload(lab: Lab): string {
  const ok = lab.byCase('ok');
  return JSON.stringify({
    url: ok.url,
    client: clientObservation(ok.url, resetAttempts(10)),
    options: { probe: false },
  });
}

const postJson = (path: string, body: string, headers: Record<string, string> = {}): LoadRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

async function measureServer(label: string, server: ServerChild, lab: Lab, hello: string): Promise<Row[]> {
  const id = await seedReport(server, lab);
  const upload = clientOnlyUpload(lab);
  const cases: Array<[string, LoadRequest]> = [
    [`${label}: GET /api/v1/reports/:id`, { path: `/api/v1/reports/${id}` }],
    [`${label}: GET /r/:id (report page)`, { path: `/r/${id}` }],
    [`${label}: POST /api/v1/reports (client only)`, postJson('/api/v1/reports', upload)],
    // Ingestion as a bulk uploader asks for it: stored (durably), diagnosed at its first read.
    [
      `${label}: POST … (client only, return=minimal)`,
      postJson('/api/v1/reports', upload, { prefer: 'return=minimal' }),
    ],
  ];
  const rows: Row[] = [];
  for (const [name, request] of cases)
    rows.push(await measureAgainstHello(name, hello, server.baseUrl, request));
  return rows;
}

function print(rows: Row[]): void {
  console.log(
    `\nHTTP read paths, ${CONNECTIONS} connections (closed loop, undici), ` +
      `${ROUNDS} rounds of ${DURATION_MS / 1000} s alternating with a Fastify hello-world — median ratio, [each round]\n`,
  );
  for (const { name, result, helloRps, ratios } of rows) {
    const statuses = Object.entries(result.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const errors = result.errors > 0 ? ` errors×${result.errors}` : '';
    console.log(
      `${name.padEnd(54)} ${result.rps.toFixed(0).padStart(6)} req/s vs ${helloRps.toFixed(0).padStart(6)}  ` +
        `${median(ratios).toFixed(2)}× [${ratios.map((r) => r.toFixed(2)).join(' ')}]  (${statuses}${errors})`,
    );
  }
}

export async function benchReadPaths(root: string, lab: Lab): Promise<void> {
  // What `npm start` runs (scripts/bench.mjs has just built it).
  const bundle = join(root, 'server/dist/server.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'wxprobe-bench-'));
  const rows: Row[] = [];
  const hello = await startHelloWorld(root);
  try {
    // The floor of any ingestion figure: the same body received and parsed by Fastify's own JSON
    // parser, a 201 with a small JSON answer, nothing validated, checked or stored.
    rows.push(
      await measureAgainstHello(
        'Fastify hello-world: POST / (same upload, parse only)',
        hello.origin,
        hello.origin,
        postJson('/', clientOnlyUpload(lab)),
      ),
    );
    const sqlite = await startServerProcess(bundle, { ...serverEnv(lab), WXPROBE_DB: join(dir, 'bench.db') });
    try {
      rows.push(...(await measureServer('SQLite', sqlite, lab, hello.origin)));
    } finally {
      await stop(sqlite);
    }

    const pgFound = findPostgres();
    if (!pgFound.available) {
      console.log(`(PostgreSQL rows skipped: ${pgFound.reason})`);
    } else {
      const cluster = await startPgCluster();
      try {
        const pgServer = await startServerProcess(bundle, {
          ...serverEnv(lab),
          WXPROBE_DATABASE_URL: await cluster.newDatabase(),
        });
        try {
          rows.push(...(await measureServer('PostgreSQL', pgServer, lab, hello.origin)));
        } finally {
          await stop(pgServer);
        }
      } finally {
        await cluster.stop();
      }
    }
    print(rows);
  } finally {
    hello.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
