/**
 * The fleet with agents (issue #14 §4): two server processes on one PostgreSQL database and agents
 * (`wxprobe agent`, real child processes) whose resolvers send the same name through different
 * paths — one through the lab's SNI filter, one around it to the same backend. One report holds both
 * vantages: the filing block where the filter is, `ok` where it is not, and `vantage-dependent`.
 * Killed servers and agents lose nothing; a bad token gets 401 and no job. Skipped, with the reason
 * printed, without PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { startPathAroundFilter } from '../testing/path-around-filter';
import { fleetServerEnv } from '../testing/fleet-env';
import { bundleServer, startServerProcess, type ServerChild } from '../testing/server-process';
import { jobIdFor, PG_BOSS_SCHEMA, queueName } from './probe-queue-pg';
import { waitUntil } from './test-support/wait';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const WXPROBE = join(root, 'server/bin/wxprobe.js');

const token = () => randomBytes(18).toString('base64url');
const TOKENS = { 'cn-east': token(), 'cn-west': token(), 'cn-slow': token() } as const;
type Vantage = keyof typeof TOKENS;

type Verdict = {
  cause: string;
  evidence: { kind: string; pointer: string; facts: Record<string, unknown> }[];
};
type Report = {
  id: string;
  probe: unknown;
  vantages?: { vantage: string; state: string; probe: unknown }[];
  diagnosis: { verdicts: Verdict[] };
};
type Agent = { child: ChildProcess; output: () => string; vantage: Vantage };

describe.skipIf(!pgAvailable('the fleet-with-agents tests'))('a fleet with agents in other places', () => {
  let cluster: PgCluster;
  let connectionString: string;
  let db: pg.Client;
  let lab: Lab;
  let around: Awaited<ReturnType<typeof startPathAroundFilter>>;
  let bundle: string;
  const servers: ServerChild[] = [];
  const agents: Agent[] = [];

  function serverEnv(): Record<string, string> {
    return fleetServerEnv(lab, connectionString, {
      WXPROBE_MAX_PROBES: '4',
      WXPROBE_ATTEMPTS: '4',
      WXPROBE_AGENT_TOKENS: Object.entries(TOKENS)
        .map(([vantage, secret]) => `${vantage}:${secret}`)
        .join(','),
    });
  }

  /** An agent of `vantage` on `server`; `path` says how it reaches the lab's filtered name. */
  function startAgent(
    vantage: Vantage,
    server: ServerChild,
    path: 'through-filter' | 'around-filter',
  ): Agent {
    const route =
      path === 'through-filter'
        ? ['--dns-server', `${lab.dnsServer.address}:${lab.dnsServer.port}`]
        : ['--resolve', around.resolve];
    const child = spawn(
      process.execPath,
      [
        WXPROBE,
        'agent',
        '--server',
        server.baseUrl,
        ...route,
        '--ca',
        lab.caFile,
        '--allow-cidr',
        '127.0.0.0/8',
      ],
      {
        env: { PATH: process.env.PATH ?? '', WXPROBE_AGENT_TOKEN: TOKENS[vantage] },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const agent = { child, output: () => output, vantage };
    agents.push(agent);
    return agent;
  }

  async function kill9(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async function post(server: ServerChild, path: string, body: unknown, headers = {}): Promise<Response> {
    return fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async function json<T>(server: ServerChild, path: string): Promise<T> {
    const response = await fetch(`${server.baseUrl}${path}`);
    expect(response.status, `${path} on ${server.baseUrl}`).toBe(200);
    return (await response.json()) as T;
  }

  async function onlineVantages(server: ServerChild): Promise<string[]> {
    const listed = await json<{ vantages: { name: string; online: boolean }[] }>(server, '/api/v1/vantages');
    return listed.vantages.filter((v) => v.online).map((v) => v.name);
  }

  async function jobState(vantage: string, reportId: string): Promise<string | null> {
    const result = await db.query<{ state: string }>(
      `SELECT state FROM ${PG_BOSS_SCHEMA}.job WHERE name = $1 AND id = $2
       UNION ALL SELECT state FROM ${PG_BOSS_SCHEMA}.archive WHERE name = $1 AND id = $2`,
      [queueName(vantage), jobIdFor(reportId)],
    );
    return result.rows[0]?.state ?? null;
  }

  beforeAll(async () => {
    cluster = await startPgCluster();
    connectionString = await cluster.newDatabase();
    db = new pg.Client({ connectionString });
    await db.connect();
    lab = await startLab({ cases: ['ok', 'icp-block', 'hang-after-hello'] });
    around = await startPathAroundFilter(lab.byCase('icp-block'));
    bundle = await bundleServer();
    servers.push(
      ...(await Promise.all([
        startServerProcess(bundle, serverEnv()),
        startServerProcess(bundle, serverEnv()),
      ])),
    );
    const [a, b] = servers as [ServerChild, ServerChild];
    startAgent('cn-east', a, 'through-filter');
    startAgent('cn-west', b, 'around-filter');
    await waitUntil(async () => {
      const online = await onlineVantages(a);
      return online.includes('cn-east') && online.includes('cn-west');
    }, 'both agents online');
  }, 120_000);

  afterAll(async () => {
    for (const agent of agents) await kill9(agent.child);
    for (const server of servers) await kill9(server.child);
    await around?.close();
    await db?.end().catch(() => {});
    await lab?.close();
    await cluster?.stop();
  });

  it('lists the vantages with their agents online, and the server itself', async () => {
    const listed = await json<{
      vantages: { name: string; online: boolean; lastHeartbeatAt: string | null }[];
    }>(servers[1]!, '/api/v1/vantages');
    const byName = new Map(listed.vantages.map((v) => [v.name, v]));
    expect(byName.get('local')?.online).toBe(true);
    expect(byName.get('cn-east')).toMatchObject({ online: true });
    expect(byName.get('cn-west')).toMatchObject({ online: true });
    expect(byName.get('cn-slow')).toMatchObject({ online: false, lastHeartbeatAt: null });
  });

  it('makes one report of both vantages: the filing block through the filter, ok around it, vantage-dependent', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const url = lab.byCase('icp-block').url;
    const response = await post(a, '/api/v1/reports', { url, vantages: ['cn-east', 'cn-west'] });
    expect(response.status).toBe(201);
    const report = (await response.json()) as Report;
    expect(report.vantages?.map((v) => [v.vantage, v.state])).toEqual([
      ['cn-east', 'answered'],
      ['cn-west', 'answered'],
    ]);
    const causes = report.diagnosis.verdicts.map((v) => v.cause);
    expect(causes[0]).toBe('icp-filing-block');
    expect(causes).toContain('vantage-dependent');
    expect(causes).not.toContain('ok');
    const qualifier = report.diagnosis.verdicts.find((v) => v.cause === 'vantage-dependent')!;
    const cited = JSON.stringify(qualifier.evidence);
    expect(cited).toContain('cn-east');
    expect(cited).toContain('cn-west');
    // The main cause's evidence points into the failing vantage's probe.
    expect(
      report.diagnosis.verdicts[0]!.evidence.some((e) => e.pointer.startsWith('/vantages/0/probe')),
    ).toBe(true);
    // Read through the other server: the same report.
    expect(await json<Report>(b, `/api/v1/reports/${report.id}`)).toEqual(report);
  }, 60_000);

  it('refuses an unknown vantage with 400 naming the known ones', async () => {
    const response = await post(servers[0]!, '/api/v1/reports', {
      url: lab.byCase('ok').url,
      vantages: ['mars'],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unknown-vantage');
    expect(body.error.message).toContain('cn-east');
  });

  it('gives a bad token 401 and no job, leaving the job queued for its vantage', async () => {
    const [a] = servers as [ServerChild];
    // No agent of cn-slow is running: its job waits in the queue.
    const started = await post(a, '/api/v1/probes', { url: lab.byCase('ok').url, vantages: ['cn-slow'] });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await waitUntil(async () => (await jobState('cn-slow', id)) === 'created', 'the job queued');
    for (const authorization of [`Bearer ${token()}`, `Bearer ${TOKENS['cn-slow']}x`, 'Basic abc', '']) {
      const response = await fetch(`${a.baseUrl}/api/v1/agent/jobs/next?waitSeconds=1`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, authorization).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^agent-/);
    }
    expect(await jobState('cn-slow', id)).toBe('created');
  });

  it('retries the job of an agent killed with SIGKILL mid-job on another agent, after expiry', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const doomed = startAgent('cn-slow', a, 'through-filter');
    const hang = lab.byCase('hang-after-hello');
    const started = await post(b, '/api/v1/probes', { url: hang.url, vantages: ['cn-slow'] });
    const { id } = (await started.json()) as { id: string };
    await waitUntil(async () => (await jobState('cn-slow', id)) === 'active', 'the agent to take the job');
    await kill9(doomed.child);
    startAgent('cn-slow', b, 'through-filter');
    await waitUntil(
      async () => (await json<{ status: string }>(a, `/api/v1/probes/${id}`)).status === 'done',
      'the job retried and the report made',
      90_000,
    );
    const report = await json<Report>(a, `/api/v1/reports/${id}`);
    expect(report.vantages?.map((v) => [v.vantage, v.state])).toEqual([['cn-slow', 'answered']]);
    const retries = await db.query<{ n: number }>(
      `SELECT max(retry_count)::int AS n FROM (
         SELECT retry_count FROM ${PG_BOSS_SCHEMA}.job WHERE name = $1 AND id = $2
         UNION ALL SELECT retry_count FROM ${PG_BOSS_SCHEMA}.archive WHERE name = $1 AND id = $2) j`,
      [queueName('cn-slow'), jobIdFor(id)],
    );
    expect(retries.rows[0]!.n).toBe(1);
  }, 120_000);

  it('completes a report whose accepting server was killed with SIGKILL mid-probe, through the other', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const front = await startServerProcess(bundle, { ...serverEnv(), WXPROBE_LOCAL_PROBE: 'false' });
    servers.push(front);
    const url = lab.byCase('icp-block').url;
    const started = await post(front, '/api/v1/probes', { url, vantages: ['cn-east', 'cn-west', 'local'] });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await kill9(front.child);
    await waitUntil(
      async () => (await json<{ status: string }>(b, `/api/v1/probes/${id}`)).status === 'done',
      'the report put together without the server that accepted it',
      90_000,
    );
    const report = await json<Report>(a, `/api/v1/reports/${id}`);
    expect(report.vantages?.map((v) => [v.vantage, v.state])).toEqual([
      ['cn-east', 'answered'],
      ['cn-west', 'answered'],
      ['local', 'answered'],
    ]);
    expect((await db.query('SELECT 1 FROM reports WHERE id = $1', [id])).rowCount).toBe(1);
  }, 120_000);
});
