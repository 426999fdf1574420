import { describe, expect, it } from 'vitest';
import { openSqliteReportStore } from './report-store-sqlite';
import { startRetention } from './retention';
import { sampleReport } from './test-support/sample-report';

const DAY = 24 * 60 * 60 * 1000;

const at = (createdAt: number) => sampleReport({ createdAt });

describe('retention', () => {
  it('deletes reports older than the configured days, keeps the rest', async () => {
    const store = openSqliteReportStore(':memory:');
    const now = 100 * DAY;
    const old = at(now - 31 * DAY);
    const recent = at(now - 29 * DAY);
    await store.insert(old);
    await store.insert(recent);
    const job = startRetention({ store, retentionDays: 30, now: () => now, intervalMs: 3_600_000 });
    await expect.poll(async () => store.get(old.id)).toBeNull();
    expect(await store.get(recent.id)).not.toBeNull();
    expect(await job.sweep()).toBe(0);
    job.stop();
    await store.close();
  });

  it('keeps everything when retention is 0 days', async () => {
    const store = openSqliteReportStore(':memory:');
    const ancient = at(0);
    await store.insert(ancient);
    const job = startRetention({ store, retentionDays: 0, now: () => 1000 * DAY });
    expect(await job.sweep()).toBe(0);
    expect(await store.get(ancient.id)).not.toBeNull();
    job.stop();
    await store.close();
  });
});
