import { describe, expect, it } from 'vitest';
import { quietWxEachTest } from '../test/quiet-wx';
import { clientFixture } from '../test/fixtures';
import { clearRuns, listRuns, loadRun, MAX_RUNS, newRunId, saveRun, type RunEntry } from './history';

const entry = (id: string, createdAt: number): RunEntry => ({
  id,
  createdAt,
  client: clientFixture(
    [true, false].map((ok) => ({ ok, durationMs: 5 })),
    { url: `https://h${id}.example.com/` },
  ),
  report: null,
  serverFailure: { kind: 'not-configured' },
});

const currentWx = quietWxEachTest();

describe('history', () => {
  it('lists runs newest first with a summary, and loads a run back whole', () => {
    saveRun(entry('a', 1));
    saveRun(entry('b', 2));
    expect(listRuns().map((s) => s.id)).toEqual(['b', 'a']);
    expect(listRuns()[0]).toMatchObject({
      url: 'https://hb.example.com/',
      okCount: 1,
      total: 2,
      reportId: null,
    });
    expect(loadRun('a')).toEqual(entry('a', 1));
  });

  it(`keeps only the last ${MAX_RUNS} runs and deletes the older ones from storage`, () => {
    for (let i = 0; i < MAX_RUNS + 5; i++) saveRun(entry(`r${i}`, i));
    expect(listRuns()).toHaveLength(MAX_RUNS);
    expect(loadRun('r0')).toBeNull();
    expect(loadRun(`r${MAX_RUNS + 4}`)).not.toBeNull();
    expect([...currentWx().storage.keys()].filter((k) => k.startsWith('wxprobe.run.'))).toHaveLength(
      MAX_RUNS,
    );
  });

  it('saving the same id again replaces it (retry upload)', () => {
    saveRun(entry('a', 1));
    saveRun({ ...entry('a', 1), serverFailure: null });
    expect(listRuns()).toHaveLength(1);
    expect(loadRun('a')!.serverFailure).toBeNull();
  });

  it('clears everything', () => {
    saveRun(entry('a', 1));
    clearRuns();
    expect(listRuns()).toEqual([]);
    expect(currentWx().storage.size).toBe(0);
  });

  it('makes distinct ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRunId(1_700_000_000_000)));
    expect(ids.size).toBeGreaterThan(190);
  });
});
