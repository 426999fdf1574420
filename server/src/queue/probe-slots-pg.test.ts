import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { PgProbeSlots } from './probe-slots-pg';

describe.skipIf(!pgAvailable('the PostgreSQL probe slot tests'))(
  'probe slots on PostgreSQL advisory locks',
  () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPgCluster();
    });
    afterAll(() => cluster?.stop());

    it('hand out at most `limit` slots across connections, and free them on release or disconnect', async () => {
      const connectionString = await cluster.newDatabase();
      const a = await PgProbeSlots.open({ connectionString, limit: 2 });
      const b = await PgProbeSlots.open({ connectionString, limit: 2 });
      const first = await a.tryAcquire();
      const second = await a.tryAcquire();
      expect([first?.index, second?.index].sort()).toEqual([0, 1]);
      // Session locks are re-entrant: the same process must not get a slot it already holds.
      expect(await a.tryAcquire()).toBeNull();
      expect(await b.tryAcquire()).toBeNull();
      expect(await b.inUse()).toBe(2);

      await first!.release();
      await first!.release();
      const third = await b.tryAcquire();
      expect(third?.index).toBe(first!.index);
      expect(await a.tryAcquire()).toBeNull();

      // The connection ending (as when a process is killed) frees what it held.
      await a.close();
      expect((await b.tryAcquire())?.index).toBe(second!.index);
      expect(b.heldHere).toBe(2);
      await b.close();
    });

    it('take concurrent acquisitions in one process one at a time', async () => {
      const slots = await PgProbeSlots.open({ connectionString: await cluster.newDatabase(), limit: 3 });
      const got = await Promise.all(Array.from({ length: 6 }, () => slots.tryAcquire()));
      expect(got.filter((s) => s !== null)).toHaveLength(3);
      await slots.close();
    });

    it('refuse a limit that is not a positive integer', async () => {
      await expect(
        PgProbeSlots.open({ connectionString: cluster.connectionString, limit: 0 }),
      ).rejects.toThrow(/positive integer/);
    });
  },
);
