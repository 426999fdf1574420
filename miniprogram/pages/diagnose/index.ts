/**
 * 诊断 / Diagnose: the URL to test, checked against WeChat's URL rules as it is typed (a blocking
 * problem asks before running), the API, method, attempts, timeout, concurrency, and the wx options
 * that change the network path; recent URLs one tap away.
 */
import { applyChrome } from '../../i18n/chrome';
import { say, stringsFor } from '../../i18n/i18n';
import {
  DEFAULT_RUN_CONFIG,
  maxConcurrency,
  normalizeRunConfig,
  REQUEST_METHODS,
  type RunConfig,
} from '../../runner/run-config';
import { CLIENT_APIS, type Lang } from '../../shared/taxonomy/codes';
import { loadRecentUrls, loadRunConfig, rememberUrl, saveRunConfig } from '../../storage/run-config-store';
import { currentLang, loadSettings } from '../../storage/settings';
import { checkWechatUrl, hasBlockingProblem, type UrlProblem } from '../../url/wechat-url-rules';

type ProblemView = UrlProblem & { text: string };

function problemViews(config: RunConfig, lang: Lang): ProblemView[] {
  if (config.url === '') return [];
  return checkWechatUrl(config.url, config.api).map((p) => ({ ...p, text: say(lang, `url.${p.code}`) }));
}

Component({
  data: {
    t: stringsFor('zh'),
    lang: 'zh' as Lang,
    config: DEFAULT_RUN_CONFIG,
    apis: [...CLIENT_APIS],
    apiIndex: 0,
    methods: [...REQUEST_METHODS],
    methodIndex: 0,
    concurrencyLabel: '',
    problems: [] as ProblemView[],
    recent: [] as string[],
    serverMissing: false,
  },
  methods: {
    onLoad() {
      this.refresh(loadRunConfig());
    },
    onShow() {
      this.refresh(this.data.config);
    },
    /** Re-derives everything shown from the config, the language and the stored settings. */
    refresh(config: RunConfig) {
      const settings = loadSettings();
      const lang = settings.lang;
      applyChrome(lang, 'tabDiagnose', true);
      this.setData({
        t: stringsFor(lang),
        lang,
        config,
        apiIndex: CLIENT_APIS.indexOf(config.api),
        methodIndex: REQUEST_METHODS.indexOf(config.method),
        concurrencyLabel: say(lang, 'concurrencyLabel', { max: maxConcurrency(config.api) }),
        problems: problemViews(config, lang),
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
    onNumberInput(e: WechatMiniprogram.Input) {
      const key = e.currentTarget.dataset.key as 'attempts' | 'timeoutMs' | 'concurrency';
      this.patchConfig({ [key]: Number(e.detail.value) } as Partial<RunConfig>);
    },
    onSwitch(e: WechatMiniprogram.SwitchChange) {
      const key = e.currentTarget.dataset.key as keyof RunConfig;
      this.patchConfig({ [key]: e.detail.value === true } as Partial<RunConfig>);
    },
    onServiceIdInput(e: WechatMiniprogram.Input) {
      this.patchConfig({ httpDNSServiceId: e.detail.value });
    },
    onRecentTap(e: WechatMiniprogram.TouchEvent) {
      this.patchConfig({ url: String(e.currentTarget.dataset.url) });
    },
    onRun() {
      const config = normalizeRunConfig(this.data.config);
      const problems = checkWechatUrl(config.url, config.api);
      if (problems.some((p) => p.code === 'empty')) {
        this.setData({
          problems: problems.map((p) => ({ ...p, text: say(this.data.lang, `url.${p.code}`) })),
        });
        return;
      }
      const start = () => {
        saveRunConfig(config);
        rememberUrl(config.url);
        wx.navigateTo({ url: '/pages/run/index' });
      };
      if (!hasBlockingProblem(problems)) return start();
      const lang = currentLang();
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
