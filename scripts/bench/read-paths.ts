/**
 * The read paths under load, as ratios to a Fastify hello-world measured in the same run (issue #14
 * §5): GET a stored report's JSON, its page, and client-only report ingestion, each against the real
 * server entry (a child process, the bundle `npm start` runs) on SQLite and on PostgreSQL (a
 * throw-away cluster; skipped with the reason when PostgreSQL is missing).
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
const DURATION_MS = Number(process.env.BENCH_HTTP_MS ?? 5000);
const WARMUP_MS = Number(process.env.BENCH_HTTP_WARMUP_MS ?? 1500);

type Row = { name: string; result: LoadResult };

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
    // The bench is one client address: lift the per-client limits to their maximum.
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

async function measureServer(label: string, server: ServerChild, lab: Lab): Promise<Row[]> {
  const id = await seedReport(server, lab);
  const ok = lab.byCase('ok');
  const upload = JSON.stringify({
    url: ok.url,
    client: clientObservation(ok.url, resetAttempts(10)),
    options: { probe: false },
  });
  const cases: Array<[string, LoadRequest]> = [
    [`${label}: GET /api/v1/reports/:id`, { path: `/api/v1/reports/${id}` }],
    [`${label}: GET /r/:id (report page)`, { path: `/r/${id}` }],
    [
      `${label}: POST /api/v1/reports (client only)`,
      {
        method: 'POST',
        path: '/api/v1/reports',
        headers: { 'content-type': 'application/json' },
        body: upload,
      },
    ],
  ];
  const rows: Row[] = [];
  for (const [name, request] of cases) {
    rows.push({
      name,
      result: await measureLoad(server.baseUrl, request, {
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
      }),
    });
  }
  return rows;
}

function print(rows: Row[]): void {
  const hello = rows[0]!.result.rps;
  console.log(
    `\nHTTP read paths, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s each after ${WARMUP_MS / 1000} s warm-up ` +
      '(closed loop, undici; autocannon is not installed) — ratio to the Fastify hello-world of this run\n',
  );
  for (const { name, result } of rows) {
    const statuses = Object.entries(result.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const errors = result.errors > 0 ? ` errors×${result.errors}` : '';
    console.log(
      `${name.padEnd(52)} ${result.rps.toFixed(0).padStart(7)} req/s  ${(result.rps / hello).toFixed(2)}×  (${statuses}${errors})`,
    );
  }
}

export async function benchReadPaths(root: string, lab: Lab): Promise<void> {
  // What `npm start` runs (scripts/bench.mjs has just built it).
  const bundle = join(root, 'server/dist/server.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'wxprobe-bench-'));
  const rows: Row[] = [];
  try {
    const hello = await startHelloWorld(root);
    try {
      rows.push({
        name: 'Fastify hello-world: GET /',
        result: await measureLoad(
          hello.origin,
          { path: '/' },
          {
            connections: CONNECTIONS,
            durationMs: DURATION_MS,
            warmupMs: WARMUP_MS,
          },
        ),
      });
    } finally {
      hello.stop();
    }

    const sqlite = await startServerProcess(bundle, { ...serverEnv(lab), WXPROBE_DB: join(dir, 'bench.db') });
    try {
      rows.push(...(await measureServer('SQLite', sqlite, lab)));
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
          rows.push(...(await measureServer('PostgreSQL', pgServer, lab)));
        } finally {
          await stop(pgServer);
        }
      } finally {
        await cluster.stop();
      }
    }
    print(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
