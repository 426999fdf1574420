import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, startJsonChild } from '../queue/test-support/ts-child';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { newReportId } from './report-id';
import { sampleReport as sample } from './test-support/sample-report';
import { itBehavesAsAReportStore } from './test-support/store-contract';
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

    itBehavesAsAReportStore(async () => openPgReportStore({ connectionString: await cluster.newDatabase() }));

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
