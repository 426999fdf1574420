/**
 * Report: the server's verdicts on top, then 手机视角 and 服务器视角 side by side, then every attempt
 * with its raw words, local class and timing bar. Opened with `?local=<run id>` after a run or from
 * History, or with `?id=<report id>` from a shared chat card (fetched from the probe server). Without
 * a server answer it still shows the local view and says the outside view is missing.
 * Below the views: how the run went (background, options not applied, network changes), the variant
 * matrix, and export without a server (a JSON file to a chat, or JSON on the clipboard). A copy that
 * WeChat refuses (privacy) shows the text to copy by hand; a successful one gets WeChat's own toast.
 */
import { i18nPage } from '../../i18n/behavior';
import { applyChrome } from '../../i18n/chrome';
import { say, type StringKey } from '../../i18n/i18n';
import { DEFAULT_RUN_CONFIG, MATRIX_AXES, normalizeRunConfig, type RunConfig } from '../../runner/run-config';
import { copyToClipboard } from '../../services/clipboard';
import { exportJson, shareJsonFile } from '../../services/export';
import {
  baseFromQuery,
  createReport,
  fetchReport,
  reportLink,
  reportSharePath,
} from '../../services/wxprobe-api';
import type { ClientObservation } from '../../shared/observations/client';
import { loadRun, saveRun, storageMessage, STORAGE_MESSAGE_KEYS, type RunEntry } from '../../storage/history';
import { loadRunConfig, saveRunConfig } from '../../storage/run-config-store';
import { loadSettings } from '../../storage/settings';
import { buildReportView, failureText, type ReportSource, type ReportView } from '../../view/report-view';
import {
  answerViews,
  matrixRows,
  phoneNotes,
  type AnswerView,
  type MatrixRow,
  type Note,
} from './phone-notes';

const STORAGE_KEYS = Object.values(STORAGE_MESSAGE_KEYS) as string[];

/** The config that measured `client` again: its recorded options over the last config for that URL. */
function rerunConfig(client: ClientObservation): RunConfig {
  const stored = loadRunConfig();
  const base = stored.url === client.url && stored.api === client.api ? stored : DEFAULT_RUN_CONFIG;
  const options = (client.options ?? {}) as Record<string, unknown>;
  const variants = client.options?.variants ?? [];
  const matrix = variants.length
    ? MATRIX_AXES.filter((axis) => axis in (variants[0]?.options ?? {}))
    : base.matrix;
  return normalizeRunConfig({
    ...base,
    ...options,
    header: options.header ?? base.header,
    body: base.body,
    matrix,
    url: client.url,
    api: client.api,
  });
}

/** The source behind the page, kept off `data` (it is large and not rendered as such). */
const sources = new WeakMap<object, { source: ReportSource; entry: RunEntry | null }>();

Component({
  behaviors: [i18nPage],
  data: {
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
    /** what saving this run had to do, or why it failed (from the Run page or a retry) */
    storageNotice: '',
    notes: [] as Note[],
    matrix: [] as MatrixRow[],
    answers: [] as AnswerView[],
    /** a copy WeChat refused: why, and the text to copy by hand */
    copyProblem: '',
    copyText: '',
    exportProblem: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const settings = loadSettings();
      const lang = settings.lang;
      applyChrome(lang, 'titleReport');
      this.applyLang(lang);
      this.setData({ base: baseFromQuery(query.base) ?? settings.baseUrl });
      if (query.storage && STORAGE_KEYS.includes(query.storage))
        this.setData({
          storageNotice: say(lang, query.storage as StringKey, { count: Number(query.count ?? 0) }),
        });
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
    // Promise chains, not async methods, in this package: see miniprogram/README.md (package size).
    loadShared(id: string) {
      return fetchReport(this.data.base, id).then((fetched) => {
        if (!fetched.ok) {
          this.setData({
            loading: false,
            notFound: true,
            notFoundReason: failureText(fetched.failure, this.data.lang),
          });
          return;
        }
        this.show({ client: fetched.value.client, report: fetched.value, serverFailure: null }, null);
      });
    },
    show(source: ReportSource, entry: RunEntry | null) {
      sources.set(this, { source, entry });
      const view = buildReportView(source, this.data.lang);
      const base = this.data.base;
      const lang = this.data.lang;
      this.setData({
        loading: false,
        view,
        notes: source.client
          ? phoneNotes(source.client, lang, source.report?.presented[lang].client ?? null)
          : [],
        matrix: source.client ? matrixRows(source.client, lang) : [],
        answers: source.client ? answerViews(source.client) : [],
        dots: view.attempts.map((a) => a.state),
        link: view.reportId && base ? reportLink(base, view.reportId) : '',
        canRetry: entry !== null && !entry.report && !entry.schemaErrors?.length,
      });
    },
    copy(text: string) {
      this.setData({ copyProblem: '', copyText: '' });
      return copyToClipboard(text).then((outcome) => {
        // Success: WeChat shows its own「内容已复制」toast; a second one would only double it.
        if (outcome.ok) return;
        this.setData({
          copyProblem: say(this.data.lang, `copy.${outcome.reason}`, { errMsg: outcome.errMsg }),
          copyText: text,
        });
      });
    },
    onCopyLink() {
      if (this.data.link) void this.copy(this.data.link);
    },
    onCopyJson() {
      const client = sources.get(this)?.source.client;
      if (client) void this.copy(exportJson(client));
    },
    onExportFile() {
      const client = sources.get(this)?.source.client;
      if (!client) return Promise.resolve();
      this.setData({ exportProblem: '' });
      return shareJsonFile(client).then((shared) => {
        if (!shared.ok && !/cancel/i.test(shared.errMsg))
          this.setData({ exportProblem: say(this.data.lang, 'exportFailed', { errMsg: shared.errMsg }) });
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
      saveRunConfig(rerunConfig(client));
      // Replace this page: reruns must not pile pages up to WeChat's stack limit of 10.
      wx.redirectTo({ url: '/pages/run/index', fail: () => wx.reLaunch({ url: '/pages/run/index' }) });
    },
    onRetryUpload() {
      const entry = sources.get(this)?.entry;
      if (!entry || this.data.retrying) return Promise.resolve();
      this.setData({ retrying: true });
      return createReport(this.data.base, entry.client).then((uploaded) => {
        const next: RunEntry = {
          ...entry,
          report: uploaded.ok ? uploaded.value : null,
          serverFailure: uploaded.ok ? null : uploaded.failure,
        };
        const message = storageMessage(saveRun(next));
        this.setData({
          retrying: false,
          storageNotice: message ? say(this.data.lang, message.key, { count: message.count ?? 0 }) : '',
        });
        this.show(next, next);
      });
    },
  },
});
