// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { parseClientObservation } from '../../shared/observations/parse-client';
import { listRuns, loadRun } from '../../storage/history';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { asWxFailure, corpusLine } from '../../test/corpus';
import { createFakeWx, realisticProfile, waitFor, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { page, render, settle, tap, text, texts, type Rendered } from '../../test/simulate';

type RunPage = { onLoad(): void; onUnload(): void };

const reset = asWxFailure(corpusLine((l) => l.kind === 'connection-reset' && l.platform === 'android'));
const ok: WxAnswer = { success: { statusCode: 200, data: '{}', profile: realisticProfile() } };

let fake: FakeWx;
function setUp(attempt: (k: number) => WxAnswer, attempts: number, server: 'up' | 'down' = 'up') {
  const world = scenario(attempt, server);
  fake = createFakeWx(world.respond);
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({ ...DEFAULT_RUN_CONFIG, url: 'https://api.example.com/health', attempts });
  return world;
}

function start(): Rendered {
  const run = render('pages/run/index');
  page<RunPage>(run).onLoad();
  return run;
}

/** The dots live in the attempt-dots child component's own tree. */
const dots = (run: Rendered) => run.querySelector('#dots')!;

const redirected = () => fake.navigations.find((n) => n.kind === 'redirectTo');

afterEach(() => vi.unstubAllGlobals());

describe('Run page', () => {
  it('colours a dot per attempt, shows WeChat’s raw words live, then opens the report', async () => {
    const world = setUp((k) => (k % 2 === 1 ? { fail: reset } : ok), 6);
    const run = start();
    await waitFor(() => redirected() !== undefined, 'the redirect to the report');
    await settle();
    expect(dots(run).querySelectorAll('.dot-ok')).toHaveLength(3);
    expect(dots(run).querySelectorAll('.dot-fail')).toHaveLength(3);
    expect(texts(run, '.line-fail .raw')).toEqual([reset.errMsg, reset.errMsg, reset.errMsg]);
    expect(texts(run, '.line-ok .raw')[0]).toBe('request:ok · statusCode 200');
    expect(text(run, '#ok')).toBe('成功 3 / 6');

    const id = /\?local=(\w+)$/.exec(redirected()!.url!)![1]!;
    const entry = loadRun(id)!;
    expect(parseClientObservation(entry.client)).toMatchObject({ ok: true });
    expect(entry.client.attempts.map((a) => a.errMsg)).toEqual([
      'request:ok',
      reset.errMsg,
      'request:ok',
      reset.errMsg,
      'request:ok',
      reset.errMsg,
    ]);
    expect(entry.report?.id).toBe('r1');
    expect(world.reports.get('r1')!.client).toEqual(entry.client);
    expect(listRuns()[0]).toMatchObject({ id, okCount: 3, total: 6, topCause: 'cert-chain-incomplete' });
  });

  it('shows progress while attempts are under way, and cancel keeps what finished', async () => {
    setUp((k) => (k < 2 ? { fail: reset } : { hang: true }), 10);
    const run = start();
    await waitFor(() => dots(run).querySelectorAll('.dot-fail').length === 2, 'two finished attempts');
    await settle();
    expect(dots(run).querySelectorAll('.dot-pending')).toHaveLength(8);
    expect(text(run, '#step')).toBe('第 2/10 次');
    await tap(run, '#cancel');
    await waitFor(() => redirected() !== undefined, 'the redirect to the partial report');
    const entry = loadRun(/local=(\w+)/.exec(redirected()!.url!)![1]!)!;
    expect(entry.client.cancelled).toBe(true);
    expect(entry.client.attempts).toHaveLength(2);
  });

  it('cancelled before any attempt finished: nothing is saved, back goes back', async () => {
    setUp(() => ({ hang: true }), 3);
    const run = start();
    await waitFor(() => fake.calls.length === 2, 'the first attempt to start');
    await tap(run, '#cancel');
    await waitFor(
      () => run.querySelector('#back') !== undefined && run.querySelector('#back') !== null,
      'the back button',
    );
    expect(text(run, '#step')).toBe('已取消');
    expect(listRuns()).toEqual([]);
    await tap(run, '#back');
    expect(fake.navigations).toEqual([{ kind: 'navigateBack' }]);
  });

  it('an unreachable probe server still leads to the report, with the reason kept', async () => {
    setUp(() => ok, 2, 'down');
    start();
    await waitFor(() => redirected() !== undefined, 'the redirect to the report');
    const entry = loadRun(/local=(\w+)/.exec(redirected()!.url!)![1]!)!;
    expect(entry.report).toBeNull();
    expect(entry.serverFailure).toMatchObject({ kind: 'unreachable' });
  });

  it('leaving the page stops the measurement and opens nothing', async () => {
    setUp(() => ({ hang: true }), 3);
    const run = start();
    await waitFor(() => fake.calls.length === 2, 'the first attempt to start');
    page<RunPage>(run).onUnload();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.navigations).toEqual([]);
    expect(listRuns()).toEqual([]);
  });

  it('sends each attempt to the view by path (one dot, one log line), never the whole log again', async () => {
    setUp(() => ok, 5);
    const run = render('pages/run/index');
    const instance = run.instance as unknown as { setData(d: Record<string, unknown>): void };
    const sent: Record<string, unknown>[] = [];
    const setData = instance.setData.bind(instance);
    instance.setData = (d) => {
      sent.push(d);
      setData(d);
    };
    page<RunPage>(run).onLoad();
    await waitFor(() => redirected() !== undefined, 'the redirect to the report');
    const perAttempt = sent.filter((d) => Object.keys(d).some((k) => k.startsWith('log[')));
    expect(perAttempt).toHaveLength(5);
    for (const d of perAttempt) expect(Object.keys(d).filter((k) => k === 'log' || k === 't')).toEqual([]);
    expect(texts(run, '.line .raw')).toHaveLength(5);
  });
});
