/** One verdict from the server: title, confidence, explanation, fix and the evidence behind it. */
import { i18nComponent } from '../../i18n/behavior';
import { asLang, say } from '../../i18n/i18n';
import type { VerdictView } from '../../view/report-view';

const EMPTY: VerdictView = {
  rank: 0,
  cause: '',
  tone: 'unknown',
  title: '',
  explanation: '',
  fix: '',
  evidence: [],
  confidencePct: 0,
  confidenceText: '',
  interrupted: false,
};

Component({
  behaviors: [i18nComponent(['fixLabel', 'evidenceLabel'] as const)],
  properties: {
    verdict: { type: Object, value: EMPTY as VerdictView },
  },
  data: { confidenceText: '' },
  observers: {
    'lang, verdict.confidencePct'(lang: string, pct: unknown) {
      this.setData({
        confidenceText: typeof pct === 'number' ? say(asLang(lang), 'confidence', { pct }) : '',
      });
    },
  },
});
