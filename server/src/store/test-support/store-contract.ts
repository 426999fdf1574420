/**
 * Test helper: what every ReportStore backend must do, as tests registered in the caller's describe
 * block. `open` gives a fresh, empty store each time (a new database).
 */
import { expect, it } from 'vitest';
import { newReportId } from '../report-id';
import { DuplicateReportIdError, UNDIAGNOSED, type ReportStore } from '../report-store';
import { sampleReport } from './sample-report';

export function itBehavesAsAReportStore(open: () => Promise<ReportStore>): void {
  it('refuses a second report with the same id, keeping the first', async () => {
    const store = await open();
    const report = sampleReport();
    await store.insert(report);
    await expect(store.insert({ ...report, url: 'https://other.test/' })).rejects.toBeInstanceOf(
      DuplicateReportIdError,
    );
    expect((await store.get(report.id))?.url).toBe(report.url);
    await store.close();
  });

  it('commits inserts asked for together, each on its own: a taken id refuses only its own', async () => {
    const store = await open();
    const first = sampleReport();
    const others = [sampleReport(), sampleReport()];
    const results = await Promise.allSettled([
      store.insert(first),
      store.insert({ ...first, url: 'https://other.test/' }),
      ...others.map((report) => store.insert(report)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateReportIdError);
    expect((await store.get(first.id))?.url).toBe(first.url);
    for (const report of others) expect((await store.get(report.id))?.id).toBe(report.id);
    await store.close();
  });

  it('gives a report back as its stored JSON texts, untouched', async () => {
    const store = await open();
    // Key order, a NUL and a lone surrogate: what a JSON column type would not give back as written.
    const client = { schema: 'wxprobe.client/1', z: 1, a: [1, 2], s: 'nul\u0000 lone\ud800 中文' };
    const report = sampleReport({ client: client as never });
    await store.insert(report);
    expect(await store.getText(report.id)).toEqual({
      id: report.id,
      createdAt: report.createdAt,
      url: report.url,
      clientJson: JSON.stringify(client),
      probeJson: null,
      vantagesJson: null,
      diagnosisJson: JSON.stringify(report.diagnosis),
      rulesVersion: 'r1',
    });
    expect(await store.getText(newReportId())).toBeNull();
    await store.close();
  });

  it('keeps the vantages of a report from several, as written, and none for one', async () => {
    const store = await open();
    const vantages = [
      { vantage: 'cn-east', state: 'no-answer' as const, probe: null },
      { vantage: 'local', state: 'failed' as const, probe: null },
    ];
    const several = sampleReport({ vantages });
    await store.insert(several);
    expect((await store.get(several.id))?.vantages).toEqual(vantages);
    expect((await store.getText(several.id))?.vantagesJson).toBe(JSON.stringify(vantages));
    const one = sampleReport();
    await store.insert(one);
    expect((await store.get(one.id))?.vantages).toBeUndefined();
    await store.close();
  });

  it('replaces the cached diagnosis and its rules version', async () => {
    const store = await open();
    const report = sampleReport();
    await store.insert(report);
    const diagnosis = { rulesVersion: 'r2', verdicts: [] };
    await store.updateDiagnosis(report.id, diagnosis, 'r2');
    expect(await store.get(report.id)).toMatchObject({ diagnosis, rulesVersion: 'r2', url: report.url });
    await store.close();
  });

  it('keeps observations stored undiagnosed as such until a diagnosis replaces the placeholder', async () => {
    const store = await open();
    const report = sampleReport({ diagnosis: null, rulesVersion: UNDIAGNOSED });
    await store.insert(report);
    expect(await store.get(report.id)).toEqual(report);
    expect(await store.getText(report.id)).toMatchObject({
      diagnosisJson: 'null',
      rulesVersion: UNDIAGNOSED,
    });
    const diagnosis = { rulesVersion: 'r2', verdicts: [] };
    await store.updateDiagnosis(report.id, diagnosis, 'r2');
    expect(await store.get(report.id)).toMatchObject({ diagnosis, rulesVersion: 'r2' });
    await store.close();
  });

  it('deletes only reports created before the cutoff', async () => {
    const store = await open();
    const old = sampleReport({ createdAt: 1000 });
    const fresh = sampleReport({ createdAt: 5000 });
    await store.insert(old);
    await store.insert(fresh);
    expect(await store.deleteCreatedBefore(5000)).toBe(1);
    expect(await store.get(old.id)).toBeNull();
    expect(await store.get(fresh.id)).not.toBeNull();
    await store.close();
  });
}
