// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listRuns, saveRun } from '../../storage/history';
import { saveSettings } from '../../storage/settings';
import { quietWxEachTest } from '../../test/quiet-wx';
import { clientFixture, reportFixture } from '../../test/fixtures';
import { exists, page, render, tap, texts } from '../../test/simulate';
import { formatTime } from '../../view/format-time';

type HistoryPage = { onShow(): void };

const client = (url: string, oks: boolean[]) =>
  clientFixture(
    oks.map((ok) => ({ ok, durationMs: 5 })),
    { url },
  );

const currentWx = quietWxEachTest();
beforeEach(() => {
  const withServer = client('https://a.example.com/', [true, false, false]);
  saveRun({
    id: 'old',
    createdAt: Date.UTC(2026, 2, 1, 8, 0),
    client: withServer,
    report: reportFixture(withServer),
    serverFailure: null,
  });
  saveRun({
    id: 'new',
    createdAt: Date.UTC(2026, 2, 2, 9, 30),
    client: client('https://b.example.com/', [true, true]),
    report: null,
    serverFailure: { kind: 'not-configured' },
  });
});

function open() {
  const history = render('pages/history/index');
  page<HistoryPage>(history).onShow();
  return history;
}

describe('History page', () => {
  it('lists the runs newest first, with their ratio and top verdict', () => {
    const history = open();
    expect(texts(history, '.url')).toEqual(['https://b.example.com/', 'https://a.example.com/']);
    expect(texts(history, '.ratio')).toEqual(['成功 2/2', '成功 1/3']);
    expect(texts(history, '.title')).toEqual(['仅本地', '证书链不完整']);
    expect(texts(history, '.when')[0]).toBe(formatTime(Date.UTC(2026, 2, 2, 9, 30)));
  });

  it('opens a run’s report', async () => {
    const history = open();
    history.querySelectorAll('.item')[1]!.dispatchEvent('tap');
    await vi.waitFor(() =>
      expect(currentWx().navigations).toEqual([{ kind: 'navigateTo', url: '/pages/report/index?local=old' }]),
    );
  });

  it('clears the history after asking', async () => {
    const history = open();
    currentWx().modalAnswers.push(false);
    await tap(history, '#clear');
    expect(listRuns()).toHaveLength(2);
    await tap(history, '#clear');
    expect(String(currentWx().modals[1]!.content)).toBe('清空全部 2 条记录？');
    expect(listRuns()).toEqual([]);
    expect(exists(history, '#empty')).toBe(true);
  });

  it('titles in English when chosen', () => {
    saveSettings({ lang: 'en' });
    const history = open();
    expect(texts(history, '.title')).toEqual(['local only', 'Incomplete certificate chain']);
    expect(currentWx().tabTexts.get(1)).toBe('History');
  });
});
