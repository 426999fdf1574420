import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable, startPgCluster, type PgCluster } from './pg-cluster';

describe.skipIf(!pgAvailable('the throw-away PostgreSQL cluster tests'))(
  'throw-away PostgreSQL cluster',
  () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPgCluster();
    });
    afterAll(() => cluster?.stop());

    it('answers on a Unix socket only, with fsync on, and hands out fresh databases', async () => {
      const url = await cluster.newDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const settings = await client.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'fsync', 'synchronous_commit')",
      );
      expect(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]))).toEqual({
        listen_addresses: '',
        fsync: 'on',
        synchronous_commit: 'on',
      });
      const tables = await client.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [
        'public',
      ]);
      expect(tables.rows[0].n).toBe(0);
      await client.end();
    });

    it('removes its folder when stopped', async () => {
      const other = await startPgCluster();
      expect(existsSync(other.dir)).toBe(true);
      await other.stop();
      expect(existsSync(other.dir)).toBe(false);
      await other.stop();
    });
  },
);
