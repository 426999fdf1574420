/**
 * Report: the server's verdicts on top, then 手机视角 and 服务器视角 side by side, then every attempt
 * with its raw words, local class and timing bar. Opened with `?local=<run id>` after a run or from
 * History, or with `?id=<report id>` from a shared chat card (fetched from the probe server). Without
 * a server answer it still shows the local view and says the outside view is missing.
 */
import { applyChrome } from '../../i18n/chrome';
import { say, stringsFor } from '../../i18n/i18n';
import { normalizeRunConfig } from '../../runner/run-config';
import {
  baseFromQuery,
  createReport,
  fetchReport,
  reportLink,
  reportSharePath,
} from '../../services/wxprobe-api';
import type { Lang } from '../../shared/taxonomy/codes';
import { loadRun, saveRun, type RunEntry } from '../../storage/history';
import { saveRunConfig } from '../../storage/run-config-store';
import { loadSettings } from '../../storage/settings';
import { buildReportView, failureText, type ReportSource, type ReportView } from '../../view/report-view';

/** The source behind the page, kept off `data` (it is large and not rendered as such). */
const sources = new WeakMap<object, { source: ReportSource; entry: RunEntry | null }>();

Component({
  data: {
    t: stringsFor('zh'),
    lang: 'zh' as Lang,
    loading: true,
    notFound: false,
    notFoundReason: '',
    view: null as ReportView | null,
    dots: [] as string[],
    /** the probe server that holds this report: the shared card's, else the one in Settings */
    base: '',
    link: '',
    canRetry: false,
    retrying: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const settings = loadSettings();
      const lang = settings.lang;
      applyChrome(lang, 'titleReport');
      this.setData({ t: stringsFor(lang), lang, base: baseFromQuery(query.base) ?? settings.baseUrl });
      if (query.local) {
        const entry = loadRun(query.local);
        if (!entry) return this.setData({ loading: false, notFound: true });
        this.show(entry, entry);
      } else if (query.id) {
        void this.loadShared(query.id);
      } else {
        this.setData({ loading: false, notFound: true });
      }
    },
    async loadShared(id: string) {
      const fetched = await fetchReport(this.data.base, id);
      if (!fetched.ok) {
        this.setData({
          loading: false,
          notFound: true,
          notFoundReason: failureText(fetched.failure, this.data.lang),
        });
        return;
      }
      this.show({ client: fetched.value.client, report: fetched.value, serverFailure: null }, null);
    },
    show(source: ReportSource, entry: RunEntry | null) {
      sources.set(this, { source, entry });
      const view = buildReportView(source, this.data.lang);
      const base = this.data.base;
      this.setData({
        loading: false,
        view,
        dots: view.attempts.map((a) => a.state),
        link: view.reportId && base ? reportLink(base, view.reportId) : '',
        canRetry: entry !== null && !entry.report && !entry.schemaErrors?.length,
      });
    },
    onCopyLink() {
      if (!this.data.link) return;
      wx.setClipboardData({
        data: this.data.link,
        success: () => wx.showToast({ title: this.data.t.copied, icon: 'none' }),
      });
    },
    onShareAppMessage() {
      const view = this.data.view;
      const headline = view?.verdicts[0]?.title ?? view?.url ?? '';
      const title = say(this.data.lang, 'shareTitle', { title: headline });
      return view?.reportId && this.data.base
        ? { title, path: reportSharePath(this.data.base, view.reportId) }
        : { title, path: '/pages/diagnose/index' };
    },
    onRerun() {
      const client = sources.get(this)?.source.client;
      if (!client) return;
      saveRunConfig(normalizeRunConfig({ ...client.options, url: client.url, api: client.api }));
      wx.navigateTo({ url: '/pages/run/index' });
    },
    async onRetryUpload() {
      const entry = sources.get(this)?.entry;
      if (!entry || this.data.retrying) return;
      this.setData({ retrying: true });
      const uploaded = await createReport(this.data.base, entry.client);
      const next: RunEntry = {
        ...entry,
        report: uploaded.ok ? uploaded.value : null,
        serverFailure: uploaded.ok ? null : uploaded.failure,
      };
      saveRun(next);
      this.setData({ retrying: false });
      this.show(next, next);
    },
  },
});
