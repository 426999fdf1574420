import { fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations';
import { newReportId } from './report-id';
import { sampleReport as sample } from './test-support/sample-report';
import { itBehavesAsAReportStore } from './test-support/store-contract';
import { DuplicateReportIdError } from './report-store';
import { openSqliteReportStore, type SqliteReportStore } from './report-store-sqlite';

describe('SqliteReportStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wxprobe-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the database folder and keeps a report across reopening', async () => {
    const path = join(dir, 'nested', 'deeper', 'wxprobe.db');
    const report = sample({ client: { schema: 'wxprobe.client/1' } as never });
    const store = openSqliteReportStore(path);
    await store.insert(report);
    await store.close();
    const reopened = openSqliteReportStore(path);
    expect(await reopened.get(report.id)).toEqual(report);
    expect(await reopened.get(newReportId())).toBeNull();
    await reopened.close();
  });

  it('answers a ping while open and refuses one once closed (what /healthz reports)', async () => {
    const store = openSqliteReportStore(join(dir, 'wxprobe.db'));
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow(/not open/);
  });

  it('stores inserts asked for together (one commit), refusing only the duplicate among them', async () => {
    const path = join(dir, 'wxprobe.db');
    const store = openSqliteReportStore(path);
    const taken = sample();
    await store.insert(taken);
    const fresh = Array.from({ length: 20 }, () => sample());
    const results = await Promise.allSettled([
      ...fresh.map((r) => store.insert(r)),
      store.insert(sample({ id: taken.id })),
    ]);
    expect(results.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[20]).toMatchObject({ status: 'rejected', reason: expect.any(DuplicateReportIdError) });
    await store.close();
    const reopened = openSqliteReportStore(path);
    for (const report of fresh) expect(await reopened.get(report.id)).toEqual(report);
    await reopened.close();
  });

  it('writes an insert asked for just before close instead of dropping it', async () => {
    const path = join(dir, 'wxprobe.db');
    const store = openSqliteReportStore(path);
    const report = sample();
    const inserted = store.insert(report);
    await store.close();
    await inserted;
    const reopened = openSqliteReportStore(path);
    expect(await reopened.get(report.id)).toEqual(report);
    await reopened.close();
  });

  it('runs in WAL mode and syncs the log itself (NORMAL on its connection, the log held open)', async () => {
    const path = join(dir, 'wxprobe.db');
    const store = openSqliteReportStore(path);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // synchronous is per connection: check the store's own connection through a fresh store.
    const probe = openSqliteReportStore(path) as unknown as { db: Db; logFd: number | null };
    expect(probe.db.pragma('synchronous', { simple: true })).toBe(1); // 1 = NORMAL
    expect(probe.logFd).toBeTypeOf('number');
    expect(fstatSync(probe.logFd!).ino).toBe(statSync(`${path}-wal`).ino);
    await (probe as unknown as SqliteReportStore).close();
    // without a log file to hold (in memory), the commit keeps syncing itself
    const memory = openSqliteReportStore(':memory:') as unknown as { db: Db; logFd: number | null };
    expect(memory.logFd).toBeNull();
    expect(memory.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    memory.db.close();
  });

  itBehavesAsAReportStore(async () => openSqliteReportStore(':memory:'));
});

describe('migrations', () => {
  it('apply once, record the version, and are a no-op on an up-to-date database', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('refuse a database written by a newer wxprobe', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this wxprobe knows/);
    db.close();
  });

  it('roll a failing step back entirely', () => {
    const db = new Database(':memory:');
    migrate(db);
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        description: 'broken',
        sql: 'CREATE TABLE t (x); SELECT * FROM nope;',
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    db.close();
  });
});
