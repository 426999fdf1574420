/**
 * One attempt with one wx network API, recorded exactly as WeChat answered. The first outcome wins
 * (success/fail, or for sockets onOpen/onError/onClose); a watchdog after WeChat's own timeout ends
 * an attempt whose callback never came (`noCallback`, no errMsg: WeChat said nothing).
 */
import type { ClientAttempt } from '../shared/observations/client';
import { LIMITS } from './limits';
import { copyAnswer, redirectOf, type Redirect } from './answer';
import { bodyBytes, copyRawResult, type RawFields } from './raw-result';
import type { RunConfig } from './run-config';

export type AttemptRecord = ClientAttempt & { index: number };

export type AttemptHandle = {
  /** Stop the attempt; its outcome is then dropped (`done` resolves to null): we caused it, not the network. */
  abort(): void;
  done: Promise<AttemptRecord | null>;
};

/** `endedAt` when the outcome was known before the attempt could end (an opened socket closing). */
type Outcome = { ok: boolean; endedAt?: number } & RawFields;

/** How long an opened socket may take to report its close before the next attempt starts anyway. */
const SOCKET_CLOSE_WAIT_MS = 2_000;
type Settle = (outcome: Outcome) => void;
type Abortable = { abort(): void };

/** Starts the wx call; returns what can stop it. */
type Launcher = (config: RunConfig, settle: Settle, uploadFilePath: string) => Abortable;

const launchRequest: Launcher = (config, settle) => {
  const redirects: Redirect[] = [];
  const task = wx.request({
    url: config.url,
    method: config.method,
    timeout: config.timeoutMs,
    ...(Object.keys(config.header).length ? { header: config.header } : {}),
    ...(config.body !== '' ? { data: config.body } : {}),
    // Text by default, so a non-JSON answer is not a parse problem; the user may ask for their own.
    dataType: config.dataType,
    responseType: config.responseType,
    enableHttp2: config.enableHttp2,
    enableQuic: config.enableQuic,
    enableCache: config.enableCache,
    ...(config.enableHttpDNS ? { enableHttpDNS: true, httpDNSServiceId: config.httpDNSServiceId } : {}),
    ...(config.forceCellularNetwork ? { forceCellularNetwork: true } : {}),
    ...(config.useHighPerformanceMode ? { useHighPerformanceMode: true } : {}),
    ...(config.redirect === 'manual' ? { redirect: 'manual' as const } : {}),
    success: (res) => {
      const bytes = bodyBytes(res.data);
      const answer = copyAnswer(res);
      const redirect = redirectOf(res);
      if (redirect && !redirects.some((r) => r.statusCode === redirect.statusCode)) redirects.push(redirect);
      settle({
        ok: true,
        ...copyRawResult(res),
        ...(bytes !== undefined ? { responseBytes: bytes } : {}),
        ...answer,
        ...(redirects.length ? { redirects } : {}),
      });
    },
    fail: (err) => settle({ ok: false, ...copyRawResult(err) }),
  });
  // With redirect: 'manual' a 3xx ends the request here; its Location is the next hop.
  if (config.redirect === 'manual' && typeof task?.onHeadersReceived === 'function') {
    task.onHeadersReceived((res) => {
      const redirect = redirectOf(res);
      if (redirect && redirects.length < 20) redirects.push(redirect);
    });
  }
  return task;
};

const launchUpload: Launcher = (config, settle, uploadFilePath) =>
  wx.uploadFile({
    url: config.url,
    filePath: uploadFilePath,
    name: 'file',
    timeout: config.timeoutMs,
    enableHttp2: config.enableHttp2,
    enableQuic: config.enableQuic,
    success: (res) => settle({ ok: true, ...copyRawResult(res), responseBytes: bodyBytes(res.data) ?? 0 }),
    fail: (err) => settle({ ok: false, ...copyRawResult(err) }),
  });

const launchDownload: Launcher = (config, settle) =>
  wx.downloadFile({
    url: config.url,
    timeout: config.timeoutMs,
    enableHttp2: config.enableHttp2,
    enableQuic: config.enableQuic,
    success: (res) => settle({ ok: true, ...copyRawResult(res) }),
    fail: (err) => settle({ ok: false, ...copyRawResult(err) }),
  });

/**
 * connectSocket: success/fail only say the call was accepted; the socket events tell the outcome.
 * An opened socket is closed at once, and the attempt ends when it is closed: WeChat counts open
 * sockets against its limit of 5, so the next attempt must not start before.
 */
const launchSocket: Launcher = (config, settle) => {
  let opened: Outcome | null = null;
  const task = wx.connectSocket({
    url: config.url,
    timeout: config.timeoutMs,
    ...(config.forceCellularNetwork ? { forceCellularNetwork: true } : {}),
    fail: (err) => settle({ ok: false, ...copyRawResult(err) }),
  });
  // Listen synchronously right after connectSocket, or an early event may be missed (perf-network doc).
  task.onOpen((res) => {
    opened = { ok: true, ...copyRawResult(res), endedAt: Date.now() };
    task.close({});
    setTimeout(() => opened && settle(opened), SOCKET_CLOSE_WAIT_MS);
  });
  task.onError((res) => settle({ ok: false, ...copyRawResult(res) }));
  task.onClose((res) => settle(opened ?? { ok: false, closeCode: res.code, closeReason: res.reason }));
  return { abort: () => task.close({}) };
};

const LAUNCHERS: Record<RunConfig['api'], Launcher> = {
  request: launchRequest,
  uploadFile: launchUpload,
  downloadFile: launchDownload,
  connectSocket: launchSocket,
};

export function startAttempt(config: RunConfig, index: number, uploadFilePath = ''): AttemptHandle {
  const startedAt = Date.now();
  let finished = false;
  let aborted = false;
  let resolveDone: (record: AttemptRecord | null) => void = () => undefined;
  const done = new Promise<AttemptRecord | null>((resolve) => (resolveDone = resolve));
  let watchdog: ReturnType<typeof setTimeout> | undefined = undefined;

  const settle: Settle = ({ endedAt = Date.now(), ...outcome }) => {
    if (finished) return;
    finished = true;
    if (watchdog !== undefined) clearTimeout(watchdog);
    resolveDone(
      aborted ? null : { index, startedAt, durationMs: Math.max(0, endedAt - startedAt), ...outcome },
    );
  };

  let task: Abortable = { abort: () => undefined };
  try {
    task = LAUNCHERS[config.api](config, settle, uploadFilePath);
  } catch (error) {
    // WeChat threw instead of calling fail (e.g. a malformed option): keep its own message.
    settle({ ok: false, thrown: error instanceof Error ? error.message : String(error) });
  }
  if (!finished) {
    watchdog = setTimeout(() => {
      settle({ ok: false, noCallback: true });
      task.abort();
    }, config.timeoutMs + LIMITS.watchdogGraceMs);
  }

  return {
    abort() {
      if (finished) return;
      aborted = true;
      settle({ ok: false });
      task.abort();
    },
    done,
  };
}
