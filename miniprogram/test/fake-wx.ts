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
  /** extra fields of the getNetworkType answer (hasSystemProxy, signalStrength) */
  networkExtra?: Record<string, unknown>;
  /** wx.canIUse answers; absent: canIUse says true to everything. `null`: no wx.canIUse at all */
  canIUse?: Record<string, boolean> | null;
  /** WeChat's storage caps (bytes of the stored JSON): 10 MB in all, 1 MB per key */
  storageLimits?: { totalBytes: number; keyBytes: number };
  /**
   * The clipboard's privacy state: `authorized` (default), `ask` (WeChat asks the
   * wx.onNeedPrivacyAuthorization listener first; agree → copied, disagree → errno 104), or
   * `undeclared` (the privacy guide does not declare the clipboard: errno 112).
   */
  privacy?: 'authorized' | 'ask' | 'undeclared';
};

/** WeChat's answers to a privacy API the user refused (104) or the guide does not declare (112). */
export const PRIVACY_DENIED = {
  errMsg: 'setClipboardData:fail privacy permission is not authorized',
  errno: 104,
};
export const PRIVACY_UNDECLARED = {
  errMsg: 'setClipboardData:fail api scope is not declared in the privacy agreement',
  errno: 112,
};

/** The texts WeChat throws from setStorageSync when a cap is reached. */
export const STORAGE_FULL_TEXT = 'setStorageSync:fail:exceed storage max size 10Mb';
export const STORAGE_ENTRY_TEXT = 'setStorageSync:fail:entry size limit reached';

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
  const appListeners = { hide: new Set<(r: unknown) => void>(), show: new Set<(r: unknown) => void>() };
  const netListeners = { status: new Set<(r: unknown) => void>(), weak: new Set<(r: unknown) => void>() };
  const limits = environment.storageLimits ?? { totalBytes: 10 * 1024 * 1024, keyBytes: 1024 * 1024 };
  const storedBytes = () => [...storage.entries()].reduce((n, [k, v]) => n + k.length + v.length, 0);
  let privacyState = environment.privacy ?? 'authorized';
  const privacyAnswers: { event: string; buttonId?: string }[] = [];
  let privacyListener: ((resolve: (answer: { event: string; buttonId?: string }) => void) => void) | null =
    null;
  const shares: Record<string, unknown>[] = [];
  /** in the background, WeChat fails running requests (`interrupted`, errno 600003) and refuses new ones */
  let hidden = false;
  const running = new Set<() => void>();
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
        running.delete(interrupt);
        (options[kind] as ((r: unknown) => void) | undefined)?.(result);
        (options.complete as ((r: unknown) => void) | undefined)?.(result);
      };
      const headerListeners = new Set<(r: unknown) => void>();
      const interrupt = () => settle('fail', { errMsg: `${api}:fail interrupted`, errno: 600003 });
      running.add(interrupt);
      if (hidden) later(interrupt);
      else if ('fail' in answer) later(() => settle('fail', { ...answer.fail }));
      else if ('success' in answer) {
        // `headersReceived`: what onHeadersReceived listeners get before the answer (a manual redirect).
        const { headersReceived, ...success } = answer.success as { headersReceived?: unknown[] };
        later(() => {
          for (const headers of headersReceived ?? []) headerListeners.forEach((fn) => fn(headers));
          settle('success', { errMsg: `${api}:ok`, statusCode: 200, header: {}, ...success });
        });
      }
      return {
        abort: () => later(() => settle('fail', { errMsg: ABORT_TEXT[api] })),
        onHeadersReceived: (fn: (r: unknown) => void) => void headerListeners.add(fn),
        offHeadersReceived: (fn: (r: unknown) => void) => void headerListeners.delete(fn),
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
      done(options, { networkType: environment.networkType ?? 'wifi', ...environment.networkExtra }),
    ...(environment.canIUse === null
      ? {}
      : { canIUse: (schema: string) => environment.canIUse?.[schema] ?? true }),
    onAppHide: (fn: (r: unknown) => void) => void appListeners.hide.add(fn),
    offAppHide: (fn: (r: unknown) => void) => void appListeners.hide.delete(fn),
    onAppShow: (fn: (r: unknown) => void) => void appListeners.show.add(fn),
    offAppShow: (fn: (r: unknown) => void) => void appListeners.show.delete(fn),
    onNetworkStatusChange: (fn: (r: unknown) => void) => void netListeners.status.add(fn),
    offNetworkStatusChange: (fn: (r: unknown) => void) => void netListeners.status.delete(fn),
    onNetworkWeakChange: (fn: (r: unknown) => void) => void netListeners.weak.add(fn),
    offNetworkWeakChange: (fn: (r: unknown) => void) => void netListeners.weak.delete(fn),
    // WeChat stores a structured clone; JSON is close enough for our plain data.
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : ''),
    setStorageSync: (key: string, value: unknown) => {
      const text = JSON.stringify(value);
      if (key.length + text.length > limits.keyBytes) throw new Error(STORAGE_ENTRY_TEXT);
      const others = storedBytes() - (storage.has(key) ? key.length + storage.get(key)!.length : 0);
      if (others + key.length + text.length > limits.totalBytes) throw new Error(STORAGE_FULL_TEXT);
      storage.set(key, text);
    },
    getStorageInfoSync: () => ({
      keys: [...storage.keys()],
      currentSize: Math.ceil(storedBytes() / 1024),
      limitSize: Math.floor(limits.totalBytes / 1024),
    }),
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
      const fail = (result: { errMsg: string; errno: number }) =>
        later(() => {
          (options.fail as ((r: unknown) => void) | undefined)?.({ ...result });
          (options.complete as ((r: unknown) => void) | undefined)?.({ ...result });
        });
      const copy = () => {
        clipboard.push(options.data);
        done(options);
      };
      if (privacyState === 'undeclared') return fail(PRIVACY_UNDECLARED);
      if (privacyState === 'authorized') return copy();
      if (!privacyListener) return fail(PRIVACY_DENIED);
      privacyListener((answer) => {
        privacyAnswers.push(answer);
        if (answer.event === 'exposureAuthorization') return;
        if (answer.event === 'agree') {
          privacyState = 'authorized';
          copy();
        } else fail(PRIVACY_DENIED);
      });
    },
    onNeedPrivacyAuthorization: (listener: typeof privacyListener) => void (privacyListener = listener),
    openPrivacyContract: (options: Record<string, unknown>) => done(options),
    shareFileMessage: (options: Record<string, unknown>) => {
      shares.push(options);
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
    /** the mini-program goes to the background (listeners registered with wx.onAppHide run) */
    hide: () => {
      hidden = true;
      appListeners.hide.forEach((fn) => fn({}));
      // WeChat ends what is still running ~5 s later; the fake does it on the next tick.
      later(() => [...running].forEach((interrupt) => interrupt()));
    },
    show: () => {
      hidden = false;
      appListeners.show.forEach((fn) => fn({ scene: 1001 }));
    },
    /** what the wx.onNeedPrivacyAuthorization listener answered, in order */
    privacyAnswers,
    /** wx.shareFileMessage calls */
    shares,
    /** how many app / network listeners are registered now (a finished run leaves none) */
    get listenerCount() {
      return (
        appListeners.hide.size + appListeners.show.size + netListeners.status.size + netListeners.weak.size
      );
    },
    networkChange: (result: { isConnected: boolean; networkType: string }) =>
      netListeners.status.forEach((fn) => fn(result)),
    weakChange: (result: { weakNet: boolean; networkType: string }) =>
      netListeners.weak.forEach((fn) => fn(result)),
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
