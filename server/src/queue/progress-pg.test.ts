import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgReportStore } from '../store/report-store-pg';
import { newReportId } from '../store/report-id';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { isTerminal, PgProgressHub, type ProgressEvent } from './progress-pg';
import type { ChildArgs, ChildMessage } from './test-support/queue-child';
import { bundleChild, startJsonChild } from './test-support/ts-child';
import { waitUntil } from './test-support/wait';

describe.skipIf(!pgAvailable('the PostgreSQL progress tests'))('probe progress over LISTEN/NOTIFY', () => {
  let cluster: PgCluster;
  let connectionString: string;
  let bundle: { file: string; remove: () => void };
  beforeAll(async () => {
    cluster = await startPgCluster();
    connectionString = await cluster.newDatabase();
    // The events table comes with the store's migrations.
    await (await openPgReportStore({ connectionString })).close();
    bundle = await bundleChild(fileURLToPath(new URL('./test-support/queue-child.ts', import.meta.url)));
  });
  afterAll(async () => {
    bundle?.remove();
    await cluster?.stop();
  });

  it('reaches a listener in another process live, and is replayed to a late one from any seq', async () => {
    const reportId = newReportId();
    const other = newReportId();
    const live = await PgProgressHub.open({ connectionString });
    const seen: ProgressEvent[] = [];
    const unsubscribe = await live.subscribe(reportId, 0, (event) => seen.push(event));
    const ignored: ProgressEvent[] = [];
    await live.subscribe(other, 0, (event) => ignored.push(event));

    const events = [
      { type: 'progress', data: { step: 'dns', status: 'start' } },
      { type: 'progress', data: { step: 'dns', status: 'done', detail: '中文 ✓' } },
      { type: 'progress', data: { step: 'tcp', status: 'start' } },
      { type: 'done', data: { id: reportId } },
    ];
    const child = startJsonChild<ChildMessage>(bundle.file, {
      mode: 'publish',
      connectionString,
      reportId,
      events,
    } satisfies ChildArgs);
    const { published } = (await child.waitFor((m) => 'published' in m, 'the events published')) as {
      published: number[];
    };
    await waitUntil(() => seen.some(isTerminal), 'the done event, live');
    expect(seen.map(({ type, data }) => ({ type, data }))).toEqual(events);
    expect(seen.map((e) => e.seq)).toEqual(published);
    expect(ignored).toEqual([]);
    unsubscribe();
    await live.close();

    const late = await PgProgressHub.open({ connectionString });
    const replayed: ProgressEvent[] = [];
    await late.subscribe(reportId, 0, (event) => replayed.push(event));
    expect(replayed.map((e) => e.seq)).toEqual(published);
    const resumed: ProgressEvent[] = [];
    await late.subscribe(reportId, published[1]!, (event) => resumed.push(event));
    expect(resumed.map((e) => e.type)).toEqual(['progress', 'done']);
    await late.close();
  });

  it('delivers events published while subscribing exactly once, in order', async () => {
    const reportId = newReportId();
    const publisher = await PgProgressHub.open({ connectionString });
    const listener = await PgProgressHub.open({ connectionString });
    const publishing = (async () => {
      for (let i = 0; i < 30; i++) await publisher.publish(reportId, 'progress', { i });
      await publisher.publish(reportId, 'done', { id: reportId });
    })();
    const seen: ProgressEvent[] = [];
    await listener.subscribe(reportId, 0, (event) => seen.push(event));
    await publishing;
    await waitUntil(() => seen.some(isTerminal), 'the done event');
    expect(seen.slice(0, -1).map((e) => (e.data as { i: number }).i)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
    const seqs = seen.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await publisher.close();
    await listener.close();
  });

  it('forgets events older than the retention cutoff', async () => {
    const hub = await PgProgressHub.open({ connectionString });
    const reportId = newReportId();
    await hub.publish(reportId, 'progress', {});
    expect(await hub.deleteCreatedBefore(Date.now() + 60_000)).toBeGreaterThanOrEqual(1);
    expect(await hub.events(reportId)).toEqual([]);
    await hub.close();
  });
});
