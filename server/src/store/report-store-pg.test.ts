import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, startJsonChild } from '../queue/test-support/ts-child';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { newReportId } from './report-id';
import { expectedText, sampleReport as sample } from './test-support/sample-report';
import { DuplicateReportIdError } from './report-store';
import { createPgPool, openPgReportStore } from './report-store-pg';

const newest = PG_MIGRATIONS.at(-1)!.version;

describe.skipIf(!pgAvailable('the PostgreSQL report store tests'))(
  'PgReportStore on a real PostgreSQL',
  () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPgCluster();
    });
    afterAll(() => cluster?.stop());

    it('keeps a report across reopening and answers null for an unknown id', async () => {
      const connectionString = await cluster.newDatabase();
      const report = sample({ client: { schema: 'wxprobe.client/1' } as never });
      const store = await openPgReportStore({ connectionString });
      await store.insert(report);
      await store.close();
      await store.close();
      const reopened = await openPgReportStore({ connectionString });
      expect(await reopened.get(report.id)).toEqual(report);
      expect(await reopened.get(newReportId())).toBeNull();
      await reopened.ping();
      await reopened.close();
    });

    it('refuses a second report with the same id', async () => {
      const store = await openPgReportStore({ connectionString: await cluster.newDatabase() });
      const report = sample();
      await store.insert(report);
      await expect(store.insert({ ...report, url: 'https://other.test/' })).rejects.toBeInstanceOf(
        DuplicateReportIdError,
      );
      expect((await store.get(report.id))?.url).toBe(report.url);
      await store.close();
    });

    it('gives a report back as its stored JSON texts, untouched', async () => {
      const store = await openPgReportStore({ connectionString: await cluster.newDatabase() });
      // Key order, a NUL and a lone surrogate: what jsonb would not give back as written.
      const client = { schema: 'wxprobe.client/1', z: 1, a: [1, 2], s: 'nul\u0000 lone\ud800 中文' };
      const report = sample({ client: client as never });
      await store.insert(report);
      expect(await store.getText(report.id)).toEqual(expectedText(report, JSON.stringify(client)));
      expect(await store.getText(newReportId())).toBeNull();
      await store.close();
    });

    it('replaces the cached diagnosis and its rules version', async () => {
      const store = await openPgReportStore({ connectionString: await cluster.newDatabase() });
      const report = sample();
      await store.insert(report);
      const diagnosis = { rulesVersion: 'r2', verdicts: [] };
      await store.updateDiagnosis(report.id, diagnosis, 'r2');
      expect(await store.get(report.id)).toMatchObject({ diagnosis, rulesVersion: 'r2', url: report.url });
      await store.close();
    });

    it('deletes only reports created before the cutoff', async () => {
      const store = await openPgReportStore({ connectionString: await cluster.newDatabase() });
      const old = sample({ createdAt: 1000 });
      const fresh = sample({ createdAt: 5000 });
      await store.insert(old);
      await store.insert(fresh);
      expect(await store.deleteCreatedBefore(5000)).toBe(1);
      expect(await store.get(old.id)).toBeNull();
      expect(await store.get(fresh.id)).not.toBeNull();
      await store.close();
    });

    it('commits synchronously on its own sessions even when the database default is off', async () => {
      const connectionString = await cluster.newDatabase();
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      await admin.query(
        `ALTER DATABASE ${new URL(connectionString).pathname.slice(1)} SET synchronous_commit = off`,
      );
      await admin.end();
      const pool = createPgPool({ connectionString });
      expect((await pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
      await pool.end();
    });

    it('keeps every acknowledged report after the inserting process is killed with SIGKILL', async () => {
      const connectionString = await cluster.newDatabase();
      const bundle = await bundleChild(fileURLToPath(new URL('./pg-durability-child.ts', import.meta.url)));
      try {
        const child = startJsonChild<{ acked: string }>(bundle.file, { connectionString });
        await child.waitFor(() => child.messages.length >= 25, '25 acknowledged inserts');
        await child.kill9();
        const acknowledged = child.messages.map((m) => m.acked);
        const store = await openPgReportStore({ connectionString });
        for (const id of acknowledged)
          expect((await store.get(id))?.url).toBe('https://unfiled.example.test/api');
        await store.close();
      } finally {
        bundle.remove();
      }
    });
  },
);

describe.skipIf(!pgAvailable('the PostgreSQL migration tests'))('PostgreSQL migrations', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(() => cluster?.stop());

  async function versions(connectionString: string): Promise<number[]> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    const rows = await client.query<{ version: number }>(
      'SELECT version FROM wxprobe_schema_migrations ORDER BY 1',
    );
    await client.end();
    return rows.rows.map((r) => r.version);
  }

  it('apply once, record each version once, and are a no-op on an up-to-date database', async () => {
    const pool = new pg.Pool({ connectionString: await cluster.newDatabase() });
    expect(await migratePg(pool)).toBe(newest);
    expect(await migratePg(pool)).toBe(newest);
    await pool.end();
  });

  it('let two servers starting together on a fresh database both succeed, migrating once', async () => {
    const connectionString = await cluster.newDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPgReportStore({ connectionString, maxConnections: 2 })),
    );
    expect(await versions(connectionString)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const report = sample();
    await stores[0]!.insert(report);
    expect(await stores[3]!.get(report.id)).toEqual(report);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuse a database written by a newer wxprobe', async () => {
    const pool = new pg.Pool({ connectionString: await cluster.newDatabase() });
    await migratePg(pool);
    await pool.query("INSERT INTO wxprobe_schema_migrations (version, description) VALUES (999, 'future')");
    await expect(migratePg(pool)).rejects.toThrow(/newer than this wxprobe knows/);
    await pool.end();
  });

  it('roll a failing step back entirely', async () => {
    const connectionString = await cluster.newDatabase();
    const pool = new pg.Pool({ connectionString });
    await migratePg(pool);
    const broken = [
      ...PG_MIGRATIONS,
      { version: newest + 1, description: 'broken', sql: 'CREATE TABLE t (x int); SELECT * FROM nope;' },
    ];
    await expect(migratePg(pool, broken)).rejects.toThrow(/nope/);
    expect(await versions(connectionString)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect((await pool.query("SELECT to_regclass('t') AS t")).rows[0].t).toBeNull();
    await pool.end();
  });
});
