/**
 * Two real server processes (the bundled main.ts) on one PostgreSQL database, probing the lab on
 * loopback: what one accepts, the other serves; the probe limit is the fleet's, not each process's;
 * a server killed with SIGKILL mid-probe loses nothing. Skipped, with the reason printed, without
 * PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { fleetServerEnv } from '../testing/fleet-env';
import { bundleServer, startServerProcess, type ServerChild } from '../testing/server-process';
import { jobIdFor, PG_BOSS_SCHEMA, queueName } from './probe-queue-pg';
import { PROBE_SLOT_LOCK_CLASS } from './probe-slots-pg';
import { LOCAL_VANTAGE } from '../agents/vantage-name';
import { waitUntil } from './test-support/wait';

const MAX_PROBES = 2;

type Health = { probes: { running: number; max: number } };
type JobStatus = { id: string; status: 'running' | 'done' | 'failed' };

describe.skipIf(!pgAvailable('the two-server fleet tests'))('a fleet of two servers on one database', () => {
  let cluster: PgCluster;
  let connectionString: string;
  let db: pg.Client;
  let lab: Lab;
  let bundle: string;
  const servers: ServerChild[] = [];
  const others: ServerChild[] = [];

  function serverEnv(): Record<string, string> {
    return fleetServerEnv(lab, connectionString, {
      WXPROBE_MAX_PROBES: String(MAX_PROBES),
      WXPROBE_ATTEMPTS: '2',
    });
  }

  /** `servers` are the two that work the queue; a front-only one is started by its test. */
  async function startServer(extra: Record<string, string> = {}, keep = true): Promise<ServerChild> {
    const server = await startServerProcess(bundle, { ...serverEnv(), ...extra });
    (keep ? servers : others).push(server);
    return server;
  }

  async function post(server: ServerChild, path: string, body: unknown): Promise<Response> {
    return fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function json<T>(server: ServerChild, path: string): Promise<T> {
    const response = await fetch(`${server.baseUrl}${path}`);
    expect(response.status, `${path} on ${server.baseUrl}`).toBe(200);
    return (await response.json()) as T;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    return (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
  }

  beforeAll(async () => {
    cluster = await startPgCluster();
    connectionString = await cluster.newDatabase();
    db = new pg.Client({ connectionString });
    await db.connect();
    lab = await startLab({ cases: ['ok', 'hang-after-hello'] });
    bundle = await bundleServer();
    // Started together: both migrate the empty database at once (the advisory lock serialises them).
    await Promise.all([startServer(), startServer()]);
  }, 120_000);

  afterAll(async () => {
    for (const server of [...servers, ...others]) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        const exited = new Promise((resolve) => server.child.once('exit', resolve));
        server.child.kill('SIGKILL');
        await exited;
      }
    }
    await db?.end().catch(() => {});
    await lab?.close();
    await cluster?.stop();
  });

  it('serves a report created through one server from the other: read, re-diagnosed, streamed', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const ok = lab.byCase('ok');

    const created = await post(a, '/api/v1/reports', { url: ok.url, options: { attempts: 1 } });
    expect(created.status).toBe(201);
    const report = (await created.json()) as { id: string; diagnosis: { rulesVersion: string } };

    // As if stored under older rules: B must diagnose it again and keep the new diagnosis.
    await db.query(
      `UPDATE reports SET rules_version = 'old-rules', diagnosis_json = '{"rulesVersion":"old-rules","verdicts":[]}' WHERE id = $1`,
      [report.id],
    );
    expect(await json(b, `/api/v1/reports/${report.id}`)).toEqual(report);
    const row = await db.query<{ rules_version: string }>('SELECT rules_version FROM reports WHERE id = $1', [
      report.id,
    ]);
    expect(row.rows[0]!.rules_version).toBe(report.diagnosis.rulesVersion);
    expect(await json(a, `/api/v1/reports/${report.id}`)).toEqual(report);

    // A background probe accepted by A, followed over SSE on B from its first event to `done`.
    const started = await post(a, '/api/v1/probes', { url: ok.url, options: { attempts: 1 } });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const events = await fetch(`${b.baseUrl}/api/v1/reports/${id}/events`);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = await events.text(); // the server ends the stream after `done`
    expect(stream).toMatch(/event: progress\ndata: \{"step":/);
    expect(stream).toContain(`event: done\ndata: {"id":"${id}"`);
    expect(stream.indexOf('event: done')).toBeGreaterThan(stream.lastIndexOf('event: progress'));
    expect(await json<JobStatus>(a, `/api/v1/probes/${id}`)).toMatchObject({ id, status: 'done' });
    const probed = await json<{ id: string; probe: unknown }>(a, `/api/v1/reports/${id}`);
    expect(probed.id).toBe(id);
    expect(probed.probe).not.toBeNull();
  });

  it('holds the probe limit across both servers and refuses what the fleet cannot take', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const hang = lab.byCase('hang-after-hello');
    // Each server runs up to MAX_PROBES probes of its own: only the shared slots keep the sum there.
    const ids: string[] = [];
    for (const server of [a, b, a, b]) {
      const response = await post(server, '/api/v1/probes', { url: hang.url, options: { attempts: 1 } });
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as { id: string }).id);
    }
    // As many waiting as may run: the fifth is refused, by either server.
    const refused = await post(b, '/api/v1/probes', { url: hang.url, options: { attempts: 1 } });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('probes-busy');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Sampled while the four run: at the limit with jobs still waiting, some process has an idle
    // lane polling the queue every second — only the fleet-wide slots keep it from taking one.
    let mostActive = 0;
    let mostSlots = 0;
    let waitingAtLimit = 0;
    await waitUntil(
      async () => {
        const byState = await db.query<{ state: string; n: number }>(
          `SELECT state, count(*)::int AS n FROM ${PG_BOSS_SCHEMA}.job WHERE name = $1 GROUP BY state`,
          [queueName(LOCAL_VANTAGE)],
        );
        const jobs = (state: string) => byState.rows.find((r) => r.state === state)?.n ?? 0;
        mostActive = Math.max(mostActive, jobs('active'));
        if (jobs('active') === MAX_PROBES) waitingAtLimit = Math.max(waitingAtLimit, jobs('created'));
        mostSlots = Math.max(
          mostSlots,
          await count(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objsubid = 2`,
            [PROBE_SLOT_LOCK_CLASS],
          ),
        );
        const states = await Promise.all(ids.map((id) => json<JobStatus>(a, `/api/v1/probes/${id}`)));
        return states.every((s) => s.status === 'done');
      },
      'all four probes to finish',
      90_000,
    );
    expect(mostActive).toBe(MAX_PROBES);
    expect(mostSlots).toBeLessThanOrEqual(MAX_PROBES);
    expect(waitingAtLimit).toBeGreaterThan(0);
    for (const id of ids)
      expect(await count('SELECT count(*)::int AS n FROM reports WHERE id = $1', [id])).toBe(1);
  }, 120_000);

  it('answers a synchronous probe on a server that does not probe itself (WXPROBE_LOCAL_PROBE=false)', async () => {
    const front = await startServer({ WXPROBE_LOCAL_PROBE: 'false' }, false);
    const ok = lab.byCase('ok');
    const running: number[] = [];
    const samples: Promise<unknown>[] = [];
    const sample = () =>
      samples.push(
        json<Health>(front, '/healthz').then(
          (h) => running.push(h.probes.running),
          () => {},
        ),
      );
    const sampling = setInterval(sample, 100);
    let response: Response;
    try {
      const posted = post(front, '/api/v1/reports', { url: ok.url, options: { attempts: 1 } });
      sample(); // one while the request is surely in flight, however fast the probe answers
      response = await posted;
    } finally {
      clearInterval(sampling);
    }
    await Promise.all(samples); // every sample taken is counted, also one still on its way
    expect(response.status).toBe(201);
    const report = (await response.json()) as { id: string; probe: unknown; url: string };
    expect(report).toMatchObject({ url: ok.url });
    expect(report.probe).not.toBeNull();
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((n) => n === 0)).toBe(true); // the probe ran on one of the other two
    expect(await json(servers[0]!, `/api/v1/reports/${report.id}`)).toEqual(report);
  });

  it('finishes the probe of a server killed with SIGKILL mid-probe on the other, keeping one report', async () => {
    const hang = lab.byCase('hang-after-hello');
    const response = await post(servers[0]!, '/api/v1/probes', { url: hang.url, options: { attempts: 1 } });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const victim = await waitUntil(async () => {
      for (const server of servers) {
        if ((await json<Health>(server, '/healthz')).probes.running > 0) return server;
      }
      return undefined;
    }, 'a server to start the probe');
    const survivor = servers.find((s) => s !== victim)!;
    const exited = new Promise((resolve) => victim.child.once('exit', resolve));
    victim.child.kill('SIGKILL');
    await exited;

    await waitUntil(
      async () => (await json<JobStatus>(survivor, `/api/v1/probes/${id}`)).status === 'done',
      'the probe to be rerun on the surviving server',
      90_000,
    );
    expect(await count('SELECT count(*)::int AS n FROM reports WHERE id = $1', [id])).toBe(1);
    const report = await json<{ id: string; url: string; probe: unknown }>(survivor, `/api/v1/reports/${id}`);
    expect(report).toMatchObject({ id, url: hang.url });
    expect(report.probe).not.toBeNull();
    // The stored result is the rerun's: pg-boss handed the expired job out a second time.
    const retries = await count(
      `SELECT max(retry_count)::int AS n FROM (
         SELECT retry_count FROM ${PG_BOSS_SCHEMA}.job WHERE id = $1
         UNION ALL SELECT retry_count FROM ${PG_BOSS_SCHEMA}.archive WHERE id = $1) j`,
      [jobIdFor(id)],
    );
    expect(retries).toBe(1);
  }, 120_000);
});
