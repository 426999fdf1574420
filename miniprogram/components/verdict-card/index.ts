/** One verdict from the server: title, confidence, explanation, fix and the evidence behind it. */
import { asLang, say, stringsFor } from '../../i18n/i18n';

function textsFor(lang: unknown, confidencePct: unknown) {
  const l = asLang(lang);
  return {
    t: stringsFor(l),
    confidenceText: typeof confidencePct === 'number' ? say(l, 'confidence', { pct: confidencePct }) : '',
  };
}

Component({
  properties: {
    /** VerdictView from view/report-view.ts */
    verdict: { type: Object, value: {} },
    lang: { type: String, value: 'zh' },
  },
  data: textsFor('zh', undefined),
  observers: {
    'lang, verdict.confidencePct'(lang: string, pct: number) {
      this.setData(textsFor(lang, pct));
    },
  },
});
