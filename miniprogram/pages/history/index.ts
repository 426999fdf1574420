/** History: the last 50 runs kept on this phone, newest first; tap one to open its report. */
import { i18nPage } from '../../i18n/behavior';
import { applyChrome } from '../../i18n/chrome';
import { say, stringsFor } from '../../i18n/i18n';
import type { Lang } from '../../shared/taxonomy/codes';
import { clearRuns, listRuns } from '../../storage/history';
import { currentLang } from '../../storage/settings';
import { formatTime } from '../../view/format-time';

type Item = {
  id: string;
  url: string;
  api: string;
  when: string;
  ratio: string;
  title: string;
  allOk: boolean;
};

function items(lang: Lang): Item[] {
  const t = stringsFor(lang);
  return listRuns().map((s) => ({
    id: s.id,
    url: s.url,
    api: s.api,
    when: formatTime(s.createdAt),
    ratio: say(lang, 'successRatio', { ok: s.okCount, total: s.total }),
    title: s.topTitle ? s.topTitle[lang] : t.localOnly,
    allOk: s.total > 0 && s.okCount === s.total,
  }));
}

Component({
  behaviors: [i18nPage],
  data: { items: [] as Item[] },
  methods: {
    onShow() {
      const lang = currentLang();
      applyChrome(lang, 'tabHistory', true);
      this.applyLang(lang);
      this.setData({ items: items(lang) });
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/report/index?local=${String(e.currentTarget.dataset.id)}` });
      // (The report page's "run again" replaces itself, so this stack stays at two pages.)
    },
    onClear() {
      const t = this.data.t;
      wx.showModal({
        title: t.clearHistory,
        content: say(this.data.lang, 'clearConfirm', { n: this.data.items.length }),
        cancelText: t.cancel,
        success: (res) => {
          if (!res.confirm) return;
          clearRuns();
          this.setData({ items: [] });
        },
      });
    },
  },
});
