/**
 * 诊断 / Diagnose: the URL to test, checked against WeChat's URL rules as it is typed (a blocking
 * problem asks before running), the API, method, attempts, timeout, concurrency, the wx options
 * that change the network path, the user's own request (headers, body, dataType, responseType,
 * manual redirects), the variant matrix and a known-good control URL; recent URLs one tap away.
 * A config WeChat would reject (HttpDNS without a service id…) is refused here, with the reason.
 */
import { i18nPage } from '../../i18n/behavior';
import { applyChrome } from '../../i18n/chrome';
import { say, stringsFor } from '../../i18n/i18n';
import {
  DATA_TYPES,
  DEFAULT_RUN_CONFIG,
  MATRIX_AXES,
  maxConcurrency,
  normalizeRunConfig,
  REQUEST_METHODS,
  RESPONSE_TYPES,
  validateRunConfig,
  type MatrixAxis,
  type RunConfig,
} from '../../runner/run-config';
import { controlUrlFor } from '../../services/wxprobe-api';
import { CLIENT_APIS, type Lang } from '../../shared/taxonomy/codes';
import { loadRecentUrls, loadRunConfig, rememberUrl, saveRunConfig } from '../../storage/run-config-store';
import { currentLang, loadSettings } from '../../storage/settings';
import { checkWechatUrl, hasBlockingProblem, type UrlProblem } from '../../url/wechat-url-rules';

type ProblemView = UrlProblem & { text: string };
type AxisView = { axis: MatrixAxis; on: boolean };

function problemViews(config: RunConfig, lang: Lang): ProblemView[] {
  if (config.url === '') return [];
  return checkWechatUrl(config.url, config.api).map((p) => ({ ...p, text: say(lang, `url.${p.code}`) }));
}

/** "Name: value" per line → headers (the runner drops Referer, which WeChat refuses). */
export function parseHeaderLines(text: string): Record<string, string> {
  const header: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) header[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return header;
}

function headerLines(header: Record<string, string>): string {
  return Object.entries(header)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

Component({
  behaviors: [i18nPage],
  data: {
    config: DEFAULT_RUN_CONFIG,
    apis: [...CLIENT_APIS],
    apiIndex: 0,
    methods: [...REQUEST_METHODS],
    methodIndex: 0,
    dataTypes: [...DATA_TYPES],
    dataTypeIndex: 0,
    responseTypes: [...RESPONSE_TYPES],
    responseTypeIndex: 0,
    headerText: '',
    axes: MATRIX_AXES.map((axis) => ({ axis, on: false })) as AxisView[],
    controlOn: false,
    concurrencyLabel: '',
    problems: [] as ProblemView[],
    configProblems: [] as string[],
    recent: [] as string[],
    serverMissing: false,
  },
  methods: {
    onLoad() {
      const config = loadRunConfig();
      this.refresh(config);
      this.setData({ headerText: headerLines(config.header), controlOn: config.controlUrl !== '' });
    },
    onShow() {
      this.refresh(this.data.config);
    },
    /** Re-derives everything shown from the config, the language and the stored settings. */
    refresh(config: RunConfig) {
      const settings = loadSettings();
      const lang = settings.lang;
      applyChrome(lang, 'tabDiagnose', true);
      // The string table crosses to the view layer only when the language changes, not per keystroke.
      if (lang !== this.data.lang) this.applyLang(lang);
      this.setData({
        config,
        apiIndex: CLIENT_APIS.indexOf(config.api),
        methodIndex: REQUEST_METHODS.indexOf(config.method),
        dataTypeIndex: DATA_TYPES.indexOf(config.dataType),
        responseTypeIndex: RESPONSE_TYPES.indexOf(config.responseType),
        axes: MATRIX_AXES.map((axis) => ({ axis, on: config.matrix.includes(axis) })),
        concurrencyLabel: say(lang, 'concurrencyLabel', { max: maxConcurrency(config.api) }),
        problems: problemViews(config, lang),
        configProblems: [],
        recent: loadRecentUrls(),
        serverMissing: settings.baseUrl.trim() === '',
      });
    },
    patchConfig(patch: Partial<RunConfig>) {
      this.refresh({ ...this.data.config, ...patch });
    },
    onUrlInput(e: WechatMiniprogram.Input) {
      this.patchConfig({ url: e.detail.value });
    },
    onApiChange(e: WechatMiniprogram.PickerChange) {
      this.patchConfig({ api: CLIENT_APIS[Number(e.detail.value)] ?? 'request' });
    },
    onMethodChange(e: WechatMiniprogram.PickerChange) {
      this.patchConfig({ method: REQUEST_METHODS[Number(e.detail.value)] ?? 'GET' });
    },
    onDataTypeChange(e: WechatMiniprogram.PickerChange) {
      this.patchConfig({ dataType: DATA_TYPES[Number(e.detail.value)] ?? 'text' });
    },
    onResponseTypeChange(e: WechatMiniprogram.PickerChange) {
      this.patchConfig({ responseType: RESPONSE_TYPES[Number(e.detail.value)] ?? 'text' });
    },
    onNumberInput(e: WechatMiniprogram.Input) {
      const key = e.currentTarget.dataset.key as 'attempts' | 'timeoutMs' | 'concurrency';
      this.patchConfig({ [key]: Number(e.detail.value) } as Partial<RunConfig>);
    },
    onSwitch(e: WechatMiniprogram.SwitchChange) {
      const key = e.currentTarget.dataset.key as keyof RunConfig;
      this.patchConfig({ [key]: e.detail.value === true } as Partial<RunConfig>);
    },
    onRedirectSwitch(e: WechatMiniprogram.SwitchChange) {
      this.patchConfig({ redirect: e.detail.value === true ? 'manual' : 'follow' });
    },
    onAxisSwitch(e: WechatMiniprogram.SwitchChange) {
      const axis = e.currentTarget.dataset.axis as MatrixAxis;
      const others = this.data.config.matrix.filter((a) => a !== axis);
      this.patchConfig({ matrix: e.detail.value === true ? [...others, axis] : others });
    },
    onControlSwitch(e: WechatMiniprogram.SwitchChange) {
      // On: the probe server's own /healthz, a URL that is known good and already in the domain list.
      this.patchConfig({ controlUrl: e.detail.value === true ? controlUrlFor(loadSettings().baseUrl) : '' });
      this.setData({ controlOn: e.detail.value === true });
    },
    onControlInput(e: WechatMiniprogram.Input) {
      this.patchConfig({ controlUrl: e.detail.value });
    },
    onHeaderInput(e: WechatMiniprogram.Input) {
      this.setData({ headerText: e.detail.value });
      this.patchConfig({ header: parseHeaderLines(e.detail.value) });
    },
    onBodyInput(e: WechatMiniprogram.Input) {
      this.patchConfig({ body: e.detail.value });
    },
    onServiceIdInput(e: WechatMiniprogram.Input) {
      this.patchConfig({ httpDNSServiceId: e.detail.value });
    },
    onRecentTap(e: WechatMiniprogram.TouchEvent) {
      this.patchConfig({ url: String(e.currentTarget.dataset.url) });
    },
    onRun() {
      const config = normalizeRunConfig(this.data.config);
      const lang = currentLang();
      const problems = checkWechatUrl(config.url, config.api);
      if (problems.some((p) => p.code === 'empty')) {
        this.setData({ problems: problems.map((p) => ({ ...p, text: say(lang, `url.${p.code}`) })) });
        return;
      }
      const configProblems = validateRunConfig(config);
      if (configProblems.length) {
        this.setData({ configProblems: configProblems.map((p) => say(lang, `config.${p}`)) });
        return;
      }
      const start = () => {
        const saved = saveRunConfig(config);
        if (!saved.ok) {
          this.setData({ configProblems: [say(lang, 'storage.failed.full')] });
          return;
        }
        rememberUrl(config.url);
        wx.navigateTo({ url: '/pages/run/index' });
      };
      if (!hasBlockingProblem(problems)) return start();
      const t = stringsFor(lang);
      const lines = problems.filter((p) => p.severity === 'error').map((p) => say(lang, `url.${p.code}`));
      wx.showModal({
        title: t.blockTitle,
        content: [...lines, t.blockFooter].join('\n'),
        confirmText: t.blockContinue,
        cancelText: t.cancel,
        success: (res) => {
          if (res.confirm) start();
        },
      });
    },
  },
});
