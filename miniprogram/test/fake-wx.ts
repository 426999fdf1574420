/**
 * A fake `wx` for the runner, the services and the pages: the network APIs answer what the test
 * says (real raw failures from the corpus, real-shaped successes with `profile`), asynchronously as
 * WeChat does; storage, navigation, modals, clipboard and the environment APIs are recorded in memory.
 * Install it with `vi.stubGlobal('wx', fake.wx)`.
 */
export type WxApi = 'request' | 'uploadFile' | 'downloadFile' | 'connectSocket';

export type WxAnswer =
  | { fail: { errMsg: string; errno?: number | null } }
  | {
      success: {
        statusCode?: number;
        data?: unknown;
        profile?: Record<string, unknown>;
        [key: string]: unknown;
      };
    }
  /** connectSocket only: the call itself fails (e.g. the domain list), before any socket event */
  | { callFail: { errMsg: string; errno?: number | null } }
  /** never answers until aborted */
  | { hang: true };

export type WxCall = { api: WxApi; url: string; options: Record<string, unknown>; n: number };
export type Responder = (call: WxCall) => WxAnswer;

export type FakeEnvironment = {
  appBaseInfo?: Record<string, unknown> | null;
  deviceInfo?: Record<string, unknown> | null;
  systemInfo?: Record<string, unknown> | null;
  accountInfo?: Record<string, unknown> | null;
  networkType?: string;
};

const ABORT_TEXT: Record<WxApi, string> = {
  request: 'request:fail abort',
  uploadFile: 'uploadFile:fail abort',
  downloadFile: 'downloadFile:fail abort',
  connectSocket: 'connectSocket:fail abort',
};

/** A profile shaped like a real cronet one: ms timestamps, a fresh TLS connection over h2. */
export function realisticProfile(start = Date.now()): Record<string, unknown> {
  return {
    redirectStart: 0,
    redirectEnd: 0,
    fetchStart: start,
    domainLookUpStart: start + 1,
    domainLookUpEnd: start + 21,
    connectStart: start + 21,
    SSLconnectionStart: start + 45,
    SSLconnectionEnd: start + 90,
    connectEnd: start + 90,
    requestStart: start + 91,
    requestEnd: start + 92,
    responseStart: start + 150,
    responseEnd: start + 155,
    rtt: 24,
    estimate_nettype: 5,
    httpRttEstimate: 30,
    transportRttEstimate: 24,
    downstreamThroughputKbpsEstimate: 5000,
    throughputKbps: 800,
    // RFC 5737 documentation address: a string in a record, never a connection target.
    peerIP: '203.0.113.7',
    port: 443,
    protocol: 'h2',
    socketReused: false,
    sendBytesCount: 312,
    receivedBytedCount: 1024,
    usingHighPerformanceMode: false,
  };
}

export function createFakeWx(respond: Responder, environment: FakeEnvironment = {}) {
  const calls: WxCall[] = [];
  const storage = new Map<string, string>();
  const navigations: { kind: string; url?: string }[] = [];
  const modals: Record<string, unknown>[] = [];
  const modalAnswers: boolean[] = [];
  const clipboard: string[] = [];
  const toasts: string[] = [];
  const titles: string[] = [];
  const tabTexts = new Map<number, string>();
  const files = new Map<string, string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const counts: Record<WxApi, number> = { request: 0, uploadFile: 0, downloadFile: 0, connectSocket: 0 };

  const later = (fn: () => void) => setTimeout(fn, 1);

  function track(): () => void {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    return () => {
      if (!done) inFlight -= 1;
      done = true;
    };
  }

  /** request / uploadFile / downloadFile share one shape: success or fail, once, abortable. */
  function httpLike(api: Exclude<WxApi, 'connectSocket'>) {
    return (options: Record<string, unknown> & { url: string }) => {
      const call = { api, url: options.url, options, n: counts[api]++ };
      calls.push(call);
      const answer = respond(call);
      const release = track();
      let settled = false;
      const settle = (kind: 'success' | 'fail', result: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        release();
        (options[kind] as ((r: unknown) => void) | undefined)?.(result);
        (options.complete as ((r: unknown) => void) | undefined)?.(result);
      };
      if ('fail' in answer) later(() => settle('fail', { ...answer.fail }));
      else if ('success' in answer) {
        later(() =>
          settle('success', { errMsg: `${api}:ok`, statusCode: 200, header: {}, ...answer.success }),
        );
      }
      return {
        abort: () => later(() => settle('fail', { errMsg: ABORT_TEXT[api] })),
        onHeadersReceived: () => undefined,
        offHeadersReceived: () => undefined,
        onProgressUpdate: () => undefined,
      };
    };
  }

  function connectSocket(options: Record<string, unknown> & { url: string }) {
    const call = { api: 'connectSocket' as const, url: options.url, options, n: counts.connectSocket++ };
    calls.push(call);
    const answer = respond(call);
    const release = track();
    const listeners: Record<string, ((r: unknown) => void)[]> = { open: [], error: [], close: [] };
    const emit = (event: string, result: unknown) => listeners[event]!.forEach((fn) => fn(result));
    if ('callFail' in answer) {
      later(() => {
        release();
        (options.fail as ((r: unknown) => void) | undefined)?.({ ...answer.callFail });
      });
    } else {
      later(() => (options.success as ((r: unknown) => void) | undefined)?.({ errMsg: 'connectSocket:ok' }));
      if ('fail' in answer) later(() => emit('error', { ...answer.fail }));
      else if ('success' in answer) later(() => emit('open', { header: {}, ...answer.success }));
    }
    return {
      onOpen: (fn: (r: unknown) => void) => listeners.open!.push(fn),
      onError: (fn: (r: unknown) => void) => listeners.error!.push(fn),
      onClose: (fn: (r: unknown) => void) => listeners.close!.push(fn),
      onMessage: () => undefined,
      send: () => undefined,
      close: () =>
        later(() => {
          release();
          emit('close', { code: 1000, reason: '' });
        }),
    };
  }

  const orNull = <T>(value: T | null | undefined, fallback: T) =>
    value === null ? undefined : (value ?? fallback);
  const appBaseInfo = orNull(environment.appBaseInfo, {
    SDKVersion: '3.6.0',
    version: '8.0.50',
    enableDebug: false,
    language: 'zh_CN',
  });
  const deviceInfo = orNull(environment.deviceInfo, {
    platform: 'devtools',
    model: 'iPhone 12/13 (Pro)',
    system: 'iOS 10.0.1',
    brand: 'devtools',
  });
  const systemInfo = orNull(environment.systemInfo, { ...appBaseInfo, ...deviceInfo });
  const accountInfo = orNull(environment.accountInfo, {
    miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
  });

  const done = (options: Record<string, unknown> | undefined, result: Record<string, unknown> = {}) => {
    later(() => {
      (options?.success as ((r: unknown) => void) | undefined)?.({ errMsg: 'ok', ...result });
      (options?.complete as ((r: unknown) => void) | undefined)?.({ errMsg: 'ok', ...result });
    });
  };
  const navigate =
    (kind: string) =>
    (options: { url?: string } & Record<string, unknown> = {}) => {
      navigations.push({ kind, ...(options.url !== undefined ? { url: options.url } : {}) });
      done(options);
    };

  const wx = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    request: httpLike('request'),
    uploadFile: httpLike('uploadFile'),
    downloadFile: httpLike('downloadFile'),
    connectSocket,
    getFileSystemManager: () => ({
      writeFileSync: (path: string, data: string) => void files.set(path, data),
    }),
    ...(appBaseInfo ? { getAppBaseInfo: () => appBaseInfo } : {}),
    ...(deviceInfo ? { getDeviceInfo: () => deviceInfo } : {}),
    ...(systemInfo ? { getSystemInfoSync: () => systemInfo } : {}),
    ...(accountInfo ? { getAccountInfoSync: () => accountInfo } : {}),
    getNetworkType: (options: Record<string, unknown>) =>
      done(options, { networkType: environment.networkType ?? 'wifi' }),
    // WeChat stores a structured clone; JSON is close enough for our plain data.
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    navigateBack: navigate('navigateBack'),
    showModal: (options: Record<string, unknown>) => {
      modals.push(options);
      const confirm = modalAnswers.length ? modalAnswers.shift()! : true;
      done(options, { confirm, cancel: !confirm });
    },
    showToast: (options: { title: string }) => void toasts.push(options.title),
    setClipboardData: (options: { data: string } & Record<string, unknown>) => {
      clipboard.push(options.data);
      done(options);
    },
    setNavigationBarTitle: (options: { title: string }) => void titles.push(options.title),
    setTabBarItem: (options: { index: number; text: string }) =>
      void tabTexts.set(options.index, options.text),
  };

  return {
    wx,
    calls,
    storage,
    navigations,
    modals,
    /** queue the answers of the next modals (true = confirm) */
    modalAnswers,
    clipboard,
    toasts,
    titles,
    tabTexts,
    files,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

export type FakeWx = ReturnType<typeof createFakeWx>;

/** Resolves when `check` holds, polling; fails with `what` after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
