/**
 * Run: measures the stored run configuration — a dot per attempt turning green/amber/red, WeChat's
 * raw errMsg of each attempt as it arrives — then saves the run, uploads it to the probe server
 * and opens its report. Cancel stops the attempts; the finished ones still make a (partial) report.
 * In the background the run pauses (WeChat would interrupt every request) and says so; a save that
 * had to evict or trim, or failed, is passed on to the report page, which tells the user.
 */
import { i18nPage } from '../../i18n/behavior';
import { applyChrome } from '../../i18n/chrome';
import { say } from '../../i18n/i18n';
import type { AttemptRecord } from '../../runner/attempt';
import { measure, type Measurement, type MeasureRun, type MeasureStep } from '../../runner/measure';
import { createReport } from '../../services/wxprobe-api';
import { newRunId, saveRun, storageMessage, type RunEntry } from '../../storage/history';
import { loadRunConfig } from '../../storage/run-config-store';
import { loadSettings } from '../../storage/settings';
import { attemptState } from '../../shared/present/attempt-state';

type LogLine = { number: number; state: string; text: string };

/** Per-page state that is not rendered: the running measurement and whether the page is gone. */
const active = new WeakMap<object, { run: MeasureRun; unloaded: boolean }>();

function logLine(record: AttemptRecord): LogLine {
  const status = typeof record.statusCode === 'number' ? `statusCode ${record.statusCode}` : '';
  const text = [record.errMsg, status].filter(Boolean).join(' · ') || JSON.stringify(record);
  return { number: record.index + 1, state: attemptState(record), text };
}

Component({
  behaviors: [i18nPage],
  data: {
    url: '',
    api: '',
    total: 0,
    dots: [] as string[],
    okCount: 0,
    finished: 0,
    stepText: '',
    okText: '',
    log: [] as LogLine[],
    running: true,
    paused: false,
    error: '',
  },
  methods: {
    onLoad() {
      const config = loadRunConfig();
      const lang = loadSettings().lang;
      applyChrome(lang, 'titleRun');
      this.applyLang(lang);
      this.setData({
        url: config.url,
        api: config.api,
        total: config.attempts,
        dots: Array.from({ length: config.attempts }, () => 'pending'),
        okText: say(lang, 'okCount', { ok: 0, total: config.attempts }),
      });
      const run = measure(config, {
        onStep: (step) => this.onStep(step),
        onAttempt: (record) => this.onAttempt(record),
        onPause: (paused) => this.setData({ paused }),
      });
      active.set(this, { run, unloaded: false });
      run.done.then(
        (measurement) => this.finish(measurement),
        (error: unknown) => this.fail(error),
      );
    },
    onUnload() {
      const state = active.get(this);
      if (!state) return;
      state.unloaded = true;
      state.run.cancel();
    },
    onStep(step: MeasureStep) {
      const lang = this.data.lang;
      const stepText =
        step === 'attempts'
          ? say(lang, 'stepAttempts', { done: this.data.finished, total: this.data.total })
          : say(lang, step === 'environment' ? 'stepEnvironment' : 'stepDomain-check');
      this.setData({ stepText });
    },
    onAttempt(record: AttemptRecord) {
      const lang = this.data.lang;
      const line = logLine(record);
      const finished = this.data.finished + 1;
      const okCount = this.data.okCount + (line.state === 'ok' ? 1 : 0);
      // By path: only the new dot and the new log line cross to the view layer, not the whole log.
      this.setData({
        [`dots[${record.index}]`]: line.state,
        [`log[${this.data.log.length}]`]: line,
        finished,
        okCount,
        okText: say(lang, 'okCount', { ok: okCount, total: this.data.total }),
        stepText: say(lang, 'stepAttempts', { done: finished, total: this.data.total }),
      });
    },
    onCancel() {
      active.get(this)?.run.cancel();
      this.setData({ stepText: this.data.t.stepCancelled });
    },
    onBack() {
      wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/diagnose/index' }) });
    },
    // A Promise chain, not an async method, in this package: see miniprogram/README.md (package size).
    finish(measurement: Measurement): Promise<void> {
      const state = active.get(this);
      if (!state || state.unloaded) return Promise.resolve();
      const document = measurement.document;
      if (measurement.cancelled && document.attempts.length === 0) {
        this.setData({ running: false, stepText: this.data.t.stepCancelled });
        return Promise.resolve();
      }
      const entry: RunEntry = {
        id: newRunId(),
        createdAt: Date.now(),
        client: document,
        report: null,
        serverFailure: null,
      };
      let uploaded: Promise<void> = Promise.resolve();
      if (measurement.schemaErrors.length) {
        entry.schemaErrors = measurement.schemaErrors.map((e) => `${e.path} ${e.message}`);
      } else {
        this.setData({ stepText: this.data.t.stepUpload });
        uploaded = createReport(loadSettings().baseUrl, document).then((answer) => {
          if (answer.ok) entry.report = answer.value;
          else entry.serverFailure = answer.failure;
        });
      }
      return uploaded.then(() => {
        const message = storageMessage(saveRun(entry));
        if (state.unloaded) return;
        this.setData({ running: false, paused: false });
        const notice = message
          ? `&storage=${message.key}${message.count ? `&count=${message.count}` : ''}`
          : '';
        wx.redirectTo({ url: `/pages/report/index?local=${entry.id}${notice}` });
      });
    },
    fail(error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.setData({ running: false, error: say(this.data.lang, 'runError', { message }) });
    },
  },
});
