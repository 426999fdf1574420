/**
 * A verdict as every medium shows it: rank, cause, a tone for its colour, the texts in the reader's
 * language, the evidence lines, and the confidence as it should read. One rule decided here: after
 * an interrupted probe, an `unknown` verdict shows no percentage (a number there would read as a
 * finding) but says the run was interrupted.
 */
import type { Report, Verdict } from '../observations/report';
import type { Lang, Localized } from '../taxonomy/codes';
import { evidenceLines, type EvidenceLine } from './evidence';

export type VerdictTone = 'ok' | 'unknown' | 'intermittent' | 'problem';

export type VerdictCard = {
  /** 1 = the most likely */
  rank: number;
  cause: string;
  tone: VerdictTone;
  title: string;
  explanation: string;
  fix: string;
  /** each piece said in `lang`, with the JSON Pointer it cites (null for a /1 text line) */
  evidence: EvidenceLine[];
  confidencePct: number;
  /** `97%`, or the interrupted note in `lang` when a percentage would mislead */
  confidenceText: string;
  interrupted: boolean;
};

/** The headings a card's parts go under, in every medium. */
export const VERDICT_HEADINGS = {
  evidence: { zh: '证据', en: 'Evidence' },
  fix: { zh: '怎么办', en: 'Fix' },
  interrupted: { zh: '已中断', en: 'interrupted' },
} as const satisfies Record<string, Localized>;

export function verdictTone(cause: string): VerdictTone {
  if (cause === 'ok' || cause === 'unknown' || cause === 'intermittent') return cause;
  // the other qualifier: coloured like intermittent, a note beside the main cause
  if (cause === 'vantage-dependent') return 'intermittent';
  return 'problem';
}

export function verdictCard(verdict: Verdict, index: number, lang: Lang, interrupted = false): VerdictCard {
  const confidencePct = Math.round(verdict.confidence * 100);
  const withheld = interrupted && verdict.cause === 'unknown';
  return {
    rank: index + 1,
    cause: verdict.cause,
    tone: verdictTone(verdict.cause),
    title: verdict.title[lang],
    explanation: verdict.explanation[lang],
    fix: verdict.fix[lang],
    evidence: evidenceLines(verdict.evidence, lang),
    confidencePct,
    confidenceText: withheld ? VERDICT_HEADINGS.interrupted[lang] : `${confidencePct}%`,
    interrupted: withheld,
  };
}

/** The report's verdicts, most likely first, as cards. */
export function verdictCards(report: Pick<Report, 'diagnosis' | 'probe'>, lang: Lang): VerdictCard[] {
  const interrupted = !!report.probe?.interrupted;
  return report.diagnosis.verdicts.map((v, i) => verdictCard(v, i, lang, interrupted));
}
