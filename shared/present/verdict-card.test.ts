import { describe, expect, it } from 'vitest';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import { buildReport } from '../report/build-report';
import { verdictCards } from './verdict-card';

describe('verdict cards', () => {
  it('rank, tone, texts in the reader’s language and the confidence as a percentage', () => {
    const report = buildReport(loadScenario('tls-reset-all'));
    const [top] = verdictCards(report, 'en');
    const verdict = report.diagnosis.verdicts[0]!;
    expect(top).toMatchObject({
      rank: 1,
      cause: verdict.cause,
      tone: 'problem',
      title: verdict.title.en,
      fix: verdict.fix.en,
      confidenceText: `${Math.round(verdict.confidence * 100)}%`,
      interrupted: false,
    });
    expect(verdictCards(buildReport(loadScenario('ok-both-views')), 'zh')[0]).toMatchObject({ tone: 'ok' });
  });

  it('after an interrupted probe, an unknown verdict says so instead of a percentage', () => {
    const views = loadScenario('ok-probe-only');
    const unknown = {
      cause: 'unknown',
      confidence: 0.2,
      evidence: [],
      title: { zh: '不确定', en: 'Unsure' },
      explanation: { zh: '', en: '' },
      fix: { zh: '', en: '' },
    };
    const probe = { ...views.probe!, interrupted: { steps: ['tls'] } };
    const cards = (interrupted: boolean) =>
      verdictCards(
        { probe: interrupted ? probe : views.probe, diagnosis: { verdicts: [unknown] } } as never,
        'zh',
      );
    expect(cards(true)[0]).toMatchObject({ tone: 'unknown', confidenceText: '已中断', interrupted: true });
    expect(cards(false)[0]).toMatchObject({ confidenceText: '20%', interrupted: false });
  });
});
