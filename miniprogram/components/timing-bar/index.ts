/** The small timing bar of one attempt: DNS / TCP / TLS / first byte / download from `profile`. */
import { asLang, stringsFor } from '../../i18n/i18n';
import { SEGMENTS } from '../../view/timing';

function labelsFor(lang: unknown): Record<string, string> {
  const t = stringsFor(asLang(lang));
  // A loop, not Object.fromEntries: that is missing on iOS 12.0's JavaScriptCore.
  const labels: Record<string, string> = {};
  for (const name of SEGMENTS) labels[name] = t[`seg.${name}`];
  return labels;
}

Component({
  properties: {
    /** Segment[] from view/timing.ts */
    segments: { type: Array, value: [] },
    lang: { type: String, value: 'zh' },
  },
  data: { labels: labelsFor('zh') },
  observers: {
    lang(lang: string) {
      this.setData({ labels: labelsFor(lang) });
    },
  },
});
