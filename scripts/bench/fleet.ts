/**
 * The fleet's figures for docs/scaling.md (issue #14 §5): what one probe costs (CPU and peak memory
 * of the process running it), how many jobs one agent gets through per second, and how much of a
 * PostgreSQL a report takes. One agent (`wxprobe agent`, a child process) works the jobs of its
 * vantage from a server (a child process) on SQLite and on PostgreSQL; the jobs are full probes of
 * the lab's healthy endpoint. Prints figures; asserts nothing. BENCH_ONLY=fleet runs only this.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Lab } from '../../server/lab/lab';
import { clientObservation, resetAttempts } from '../../server/src/testing/client-fixtures';
import { findPostgres, startPgCluster } from '../../server/src/testing/pg-cluster';
import { startServerProcess, type ServerChild } from '../../server/src/testing/server-process';

const JOBS = Number(process.env.BENCH_FLEET_JOBS ?? 40);
const CONCURRENCIES = (process.env.BENCH_FLEET_CONCURRENCY ?? '1,4').split(',').map(Number);
const VANTAGE = 'bench';
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14, 15)
}

/** The process's peak resident memory so far, in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

function serverEnv(lab: Lab, token: string): Record<string, string> {
  return {
    PORT: '0',
    WXPROBE_ALLOW_CIDRS: '127.0.0.0/8',
    WXPROBE_DNS_SERVER: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    WXPROBE_CA_FILE: lab.caFile,
    WXPROBE_RATE_LIMIT: '100000',
    WXPROBE_PROBE_RATE_LIMIT: '10000',
    WXPROBE_LOG_LEVEL: 'warn',
    WXPROBE_AGENT_TOKENS: `${VANTAGE}:${token}`,
  };
}

function startAgent(
  root: string,
  lab: Lab,
  server: ServerChild,
  token: string,
  concurrency: number,
): ChildProcess {
  return spawn(
    process.execPath,
    [
      join(root, 'server/bin/wxprobe.js'),
      'agent',
      '--server',
      server.baseUrl,
      '--dns-server',
      `${lab.dnsServer.address}:${lab.dnsServer.port}`,
      '--ca',
      lab.caFile,
      '--allow-cidr',
      '127.0.0.0/8',
      '--concurrency',
      String(concurrency),
    ],
    { env: { PATH: process.env.PATH ?? '', WXPROBE_AGENT_TOKEN: token }, stdio: 'ignore' },
  );
}

async function waitOnline(server: ServerChild): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const listed = (await (await fetch(`${server.baseUrl}/api/v1/vantages`)).json()) as {
      vantages: { name: string; online: boolean }[];
    };
    if (listed.vantages.some((v) => v.name === VANTAGE && v.online)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bench agent did not come online');
}

type AgentRun = { concurrency: number; jobsPerSecond: number; cpuMsPerJob: number; peakRssMb: number };

/** JOBS probes for the agent's vantage, all submitted at once; timed until the last report exists. */
async function runJobs(
  server: ServerChild,
  agent: ChildProcess,
  lab: Lab,
  concurrency: number,
): Promise<AgentRun> {
  const url = lab.byCase('ok').url;
  const cpuBefore = cpuSeconds(agent.pid!);
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: JOBS }, async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/probes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, vantages: [VANTAGE] }),
      });
      if (response.status !== 202)
        throw new Error(`probe refused: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    }),
  );
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const status = (await (await fetch(`${server.baseUrl}/api/v1/probes/${id}`)).json()) as {
        status: string;
      };
      if (status.status !== 'running') pending.delete(id);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    jobsPerSecond: JOBS / seconds,
    cpuMsPerJob: ((cpuSeconds(agent.pid!) - cpuBefore) * 1000) / JOBS,
    peakRssMb: peakRssMb(agent.pid!),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function benchBackend(
  root: string,
  lab: Lab,
  label: string,
  env: Record<string, string>,
): Promise<void> {
  const token = randomBytes(24).toString('base64url');
  const server = await startServerProcess(join(root, 'server/dist/server.mjs'), {
    ...serverEnv(lab, token),
    ...env,
  });
  try {
    for (const concurrency of CONCURRENCIES) {
      const agent = startAgent(root, lab, server, token, concurrency);
      try {
        await waitOnline(server);
        const run = await runJobs(server, agent, lab, concurrency);
        console.log(
          `${label.padEnd(11)} agent --concurrency ${String(concurrency).padEnd(2)} ` +
            `${run.jobsPerSecond.toFixed(2).padStart(6)} jobs/s  ` +
            `${run.cpuMsPerJob.toFixed(0).padStart(4)} ms CPU per probe  peak RSS ${run.peakRssMb.toFixed(0)} MB`,
        );
      } finally {
        await stop(agent);
      }
    }
    console.log(
      `${label.padEnd(11)} server CPU over the whole run: ${(cpuSeconds(server.child.pid!) * 1000).toFixed(0)} ms`,
    );
  } finally {
    await stop(server.child);
  }
}

/** Bytes a stored report takes in PostgreSQL (table, index, TOAST), for both kinds of report. */
async function benchPgSize(root: string, lab: Lab, connectionString: string): Promise<void> {
  const server = await startServerProcess(join(root, 'server/dist/server.mjs'), {
    ...serverEnv(lab, randomBytes(24).toString('base64url')),
    WXPROBE_DATABASE_URL: connectionString,
  });
  const db = new pg.Client({ connectionString });
  await db.connect();
  try {
    const size = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT pg_total_relation_size('reports')::text AS n")).rows[0]!.n,
      );
    const post = (body: unknown) =>
      fetch(`${server.baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = lab.byCase('ok');
    const kinds: Array<[string, number, () => unknown]> = [
      [
        'client-only (10 attempts)',
        500,
        () => ({
          url: ok.url,
          client: clientObservation(ok.url, resetAttempts(10)),
          options: { probe: false },
        }),
      ],
      [
        'with a probe (icp case, 4 attempts)',
        20,
        () => ({ url: lab.byCase('icp-block').url, options: { attempts: 4 } }),
      ],
    ];
    for (const [kind, count, body] of kinds) {
      const before = await size();
      for (let i = 0; i < count; i++) {
        const response = await post(body());
        if (response.status !== 201) throw new Error(`${kind}: ${response.status}`);
      }
      const perReport = ((await size()) - before) / count;
      console.log(
        `PostgreSQL  ${kind.padEnd(36)} ${(perReport / 1024).toFixed(1).padStart(6)} KB per report ` +
          `→ ${((100 * 1024 ** 3) / perReport / 1e6).toFixed(1)} million reports per 100 GB`,
      );
    }
  } finally {
    await db.end();
    await stop(server.child);
  }
}

export async function benchFleet(root: string, lab: Lab): Promise<void> {
  console.log(
    `\nFleet: one agent working ${JOBS} full probes of the lab's healthy endpoint, submitted at once ` +
      `(CPU and peak RSS are the agent process's)\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'wxprobe-bench-fleet-'));
  try {
    await benchBackend(root, lab, 'SQLite', { WXPROBE_DB: join(dir, 'fleet.db') });
    const found = findPostgres();
    if (!found.available) {
      console.log(`(PostgreSQL rows skipped: ${found.reason})`);
      return;
    }
    const cluster = await startPgCluster();
    try {
      await benchBackend(root, lab, 'PostgreSQL', { WXPROBE_DATABASE_URL: await cluster.newDatabase() });
      await benchPgSize(root, lab, await cluster.newDatabase());
    } finally {
      await cluster.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
