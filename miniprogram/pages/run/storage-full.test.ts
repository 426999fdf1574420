// @vitest-environment jsdom
/**
 * WeChat storage is capped (10 MB in all, 1 MB per key; the fake is given smaller caps): a run that
 * does not fit must not vanish. The oldest history runs are evicted first, the current run is kept
 * whatever happens (in memory if it cannot be written at all), and the report page says what happened.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { listRuns, saveRun } from '../../storage/history';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { createFakeWx, realisticProfile, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { clientFixture } from '../../test/fixtures';
import { runToReport } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { exists, text } from '../../test/simulate';

const ok: WxAnswer = { success: { statusCode: 200, data: '{}', profile: realisticProfile() } };
let fake: FakeWx;
afterEach(() => vi.unstubAllGlobals());

/** An older run of about `kb` KB (response bodies kept with it). */
function oldRun(id: string, createdAt: number, kb: number) {
  const body = 'x'.repeat(1000);
  const attempts = Array.from({ length: kb }, (_, i) => ({
    ok: true,
    statusCode: 200,
    errMsg: 'request:ok',
    durationMs: 10 + i,
    bodyHead: body,
  }));
  return { id, createdAt, client: clientFixture(attempts), report: null, serverFailure: null };
}

function setUp(totalBytes: number) {
  const world = scenario(() => ok);
  fake = createFakeWx(world.respond, { storageLimits: { totalBytes, keyBytes: 1024 * 1024 } });
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({ ...DEFAULT_RUN_CONFIG, url: 'https://api.example.com/health', attempts: 3 });
}

describe('Run page with storage full', () => {
  it('evicts the oldest runs first, keeps the new one, and tells the user', async () => {
    setUp(100_000);
    for (const [i, id] of ['old1', 'old2', 'old3'].entries())
      expect(saveRun(oldRun(id, 1000 + i, 28)).ok).toBe(true);
    expect(listRuns().map((r) => r.id)).toEqual(['old3', 'old2', 'old1']);

    const { report, entry, query } = await runToReport(fake);
    expect(query.storage).toBe('storage.evicted');
    expect(text(report, '#storage-notice')).toMatch(/已删除最早的 \d 条历史记录，本次结果已保存/);
    // The new run is stored and opens; the oldest went first, the newest old run is still there.
    const ids = listRuns().map((r) => r.id);
    expect(ids[0]).toBe(entry!.id);
    expect(ids).not.toContain('old1');
    expect(ids).toContain('old3');
    expect(fake.storage.has(`wxprobe.run.${entry!.id}`)).toBe(true);
    expect(exists(report, '#not-found')).toBe(false);
    expect(text(report, '#ratio')).toBe('成功 3/3');
  });

  it('storage taken by something else: the run is not stored, still opens, and the user is told to export it', async () => {
    setUp(100_000);
    // Another key fills the storage; no history run exists to evict.
    fake.storage.set('someone-else', 'y'.repeat(95_000));
    const { report, query } = await runToReport(fake);
    expect(query.storage).toBe('storage.failed.full');
    // Kept in the page's memory only (the test's copy of the storage module cannot see it).
    expect(fake.storage.has(`wxprobe.run.${query.local}`)).toBe(false);
    expect(text(report, '#storage-notice')).toContain('本次结果没有存进历史；离开本页前请导出');
    expect(text(report, '#ratio')).toBe('成功 3/3');
    expect(exists(report, '#export-file')).toBe(true);
  });
});
