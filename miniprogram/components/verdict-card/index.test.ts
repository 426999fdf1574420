// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CHAIN_EVIDENCE_ZH, CHAIN_VERDICT } from '../../test/fixtures';
import { render, settle, text, texts } from '../../test/simulate';
import { verdictCard } from '../../../shared/present/verdict-card';

describe('verdict-card', () => {
  const verdict = { ...CHAIN_VERDICT, evidence: [...CHAIN_VERDICT.evidence] };

  it('shows title, confidence, explanation, fix and each piece of evidence', async () => {
    const card = render('components/verdict-card/index', {
      verdict: verdictCard(verdict, 0, 'zh'),
      lang: 'zh',
    });
    await settle();
    expect(text(card, '.title')).toBe('证书链不完整');
    expect(text(card, '.confidence')).toBe('可信度 90%');
    expect(text(card, '.explanation')).toBe(CHAIN_VERDICT.explanation.zh);
    expect(text(card, '.fix')).toBe(CHAIN_VERDICT.fix.zh);
    expect(texts(card, '.evidence')).toEqual(CHAIN_EVIDENCE_ZH);
    expect(texts(card, '.label')).toEqual(['怎么修', '证据']);
  });

  it('in English', async () => {
    const card = render('components/verdict-card/index', {
      verdict: verdictCard(verdict, 0, 'en'),
      lang: 'en',
    });
    await settle();
    expect(text(card, '.title')).toBe('Incomplete certificate chain');
    expect(text(card, '.confidence')).toBe('Confidence 90%');
    expect(texts(card, '.label')).toEqual(['Fix', 'Evidence']);
    expect(texts(card, '.evidence')[1]).toBe(
      'issuer fetched via AIA (http://r11.i.lencr.org/, 1293 bytes); the completed chain verifies',
    );
  });

  it('a wxprobe.report/1 verdict kept in the history shows its text evidence as it is', async () => {
    const old = {
      ...CHAIN_VERDICT,
      evidence: ['probe.certificate.verify: ok=false UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    };
    const card = render('components/verdict-card/index', {
      verdict: verdictCard(old as unknown as typeof verdict, 0, 'zh'),
      lang: 'zh',
    });
    await settle();
    expect(texts(card, '.evidence')).toEqual([
      'probe.certificate.verify: ok=false UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ]);
  });
});
