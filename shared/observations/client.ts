/**
 * `wxprobe.client/1`: what the mini-program saw, raw. No interpretation: errMsg and errno exactly as
 * WeChat returned them, timings, the environment. Extra fields are allowed (forward compatible).
 */
import type { Infer } from './json-schema';

export const CLIENT_SCHEMA_ID = 'wxprobe.client/1';

const num = { type: 'number' } as const;

export const profileSchema = {
  type: 'object',
  description: 'wx.request success/fail `profile` as WeChat returned it (field names are WeChat’s).',
  properties: {
    redirectStart: num,
    redirectEnd: num,
    fetchStart: num,
    domainLookUpStart: num,
    domainLookUpEnd: num,
    connectStart: num,
    connectEnd: num,
    SSLconnectionStart: num,
    SSLconnectionEnd: num,
    requestStart: num,
    requestEnd: num,
    responseStart: num,
    responseEnd: num,
    rtt: num,
    estimate_nettype: num,
    httpRttEstimate: num,
    transportRttEstimate: num,
    downstreamThroughputKbpsEstimate: num,
    throughputKbps: num,
    peerIP: { type: 'string' },
    port: num,
    socketReused: { type: 'boolean' },
    sendBytesCount: num,
    receivedBytedCount: num,
    protocol: { type: 'string' },
    usingHighPerformanceMode: { type: 'boolean' },
  },
  additionalProperties: true,
} as const;
export type ClientProfile = Infer<typeof profileSchema>;

export const clientAttemptSchema = {
  type: 'object',
  required: ['ok', 'durationMs'],
  properties: {
    ok: { type: 'boolean', description: 'success callback fired (for connectSocket: onOpen)' },
    statusCode: { type: 'integer' },
    errMsg: { type: 'string', maxLength: 4096 },
    errno: { type: ['integer', 'null'] },
    durationMs: { type: 'number', minimum: 0 },
    startedAt: { type: 'number', description: 'ms since epoch, from the phone clock' },
    responseBytes: { type: 'integer', minimum: 0 },
    profile: profileSchema,
    background: {
      type: 'boolean',
      description:
        'true when the mini-program went to the background while this attempt was in flight: WeChat fails or holds such requests itself (`interrupted`, errno 600003), so the outcome says nothing about the server',
    },
    variant: {
      type: 'string',
      maxLength: 64,
      description:
        'which variant of the matrix this attempt ran (`base`, `http2-on`…); absent: the one configuration',
    },
    target: {
      enum: ['target', 'control'],
      description: 'control: the known-good URL interleaved with the target',
    },
    header: {
      type: 'object',
      description: 'response headers as WeChat gave them (values cut to 1024 characters, at most 64 headers)',
      additionalProperties: true,
    },
    cookieNames: {
      type: 'array',
      maxItems: 64,
      items: { type: 'string', maxLength: 256 },
      description: 'names only of the cookies set: values are the user’s, not evidence',
    },
    bodyHead: {
      type: 'string',
      maxLength: 2048,
      description:
        'the first 2048 characters of a text body (ICP block, WAF and captive-portal pages are recognised from it)',
    },
    bodyTruncated: { type: 'boolean' },
    redirects: {
      type: 'array',
      maxItems: 20,
      description: 'with redirect: manual, each 3xx seen (status and Location), in order',
      items: {
        type: 'object',
        properties: { statusCode: { type: 'integer' }, location: { type: 'string', maxLength: 2048 } },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: true,
} as const;
export type ClientAttempt = Infer<typeof clientAttemptSchema>;

/**
 * The raw answer to the domain-check probe request (a `.invalid` host nobody lists). The on/off reading
 * of it is made by `shared/classify/domain-check.ts`, not by the runner.
 */
export const domainCheckRawSchema = {
  type: 'object',
  required: ['ok'],
  properties: {
    ok: { type: 'boolean', description: 'the success callback fired' },
    errMsg: { type: 'string', maxLength: 4096 },
    errno: { type: ['integer', 'null'] },
    statusCode: { type: 'integer' },
    noCallback: { type: 'boolean', description: 'WeChat never called back before our watchdog' },
  },
  additionalProperties: true,
} as const;
export type DomainCheckRaw = Infer<typeof domainCheckRawSchema>;

/** A network event seen during the run (`wx.onNetworkStatusChange` / `wx.onNetworkWeakChange`). */
export const networkEventSchema = {
  type: 'object',
  required: ['at', 'event'],
  properties: {
    at: { type: 'number', description: 'ms since epoch, phone clock' },
    event: { enum: ['status', 'weak'] },
    isConnected: { type: 'boolean' },
    networkType: { type: 'string', maxLength: 32 },
    weakNet: { type: 'boolean' },
  },
  additionalProperties: true,
} as const;
export type NetworkEvent = Infer<typeof networkEventSchema>;

/** A span the mini-program spent in the background (`wx.onAppHide` … `wx.onAppShow`). */
export const backgroundSpanSchema = {
  type: 'object',
  required: ['hiddenAt'],
  properties: {
    hiddenAt: { type: 'number' },
    shownAt: { type: 'number', description: 'absent when the run ended in the background' },
  },
  additionalProperties: true,
} as const;
export type BackgroundSpan = Infer<typeof backgroundSpanSchema>;

/** One option the runner asked for but WeChat will not apply here, and why. */
export const notAppliedSchema = {
  type: 'object',
  required: ['option', 'reason'],
  properties: {
    option: { type: 'string', maxLength: 64 },
    reason: {
      enum: ['base-library-too-old', 'api-unsupported', 'platform-ignores', 'not-for-this-api'],
    },
    detail: { type: 'string', maxLength: 256, description: 'e.g. `needs 2.19.1, have 2.10.0`' },
  },
  additionalProperties: true,
} as const;
export type NotApplied = Infer<typeof notAppliedSchema>;

export const clientEnvSchema = {
  type: 'object',
  required: ['platform', 'SDKVersion', 'version', 'networkType', 'envVersion', 'enableDebug', 'domainCheck'],
  properties: {
    platform: {
      type: 'string',
      maxLength: 64,
      description: 'ios | android | devtools | windows | mac | ohos …',
    },
    SDKVersion: { type: 'string', maxLength: 64 },
    version: { type: 'string', maxLength: 64, description: 'WeChat version' },
    networkType: { type: 'string', maxLength: 32 },
    envVersion: { type: 'string', maxLength: 32, description: 'develop | trial | release' },
    enableDebug: { type: 'boolean' },
    domainCheck: {
      enum: ['on', 'off', 'unknown'],
      description:
        'the reading of domainCheckRaw (shared/classify/domain-check.ts); documents from the runner say `unknown` until read. Readers call domainCheckOf(env)',
    },
    domainCheckRaw: domainCheckRawSchema,
    hasSystemProxy: { type: 'boolean', description: 'wx.getNetworkType().hasSystemProxy (WeChat 8.0.17+)' },
    signalStrength: { type: 'number', description: 'wx.getNetworkType().signalStrength (dBm), where given' },
    domainCheckEvidence: {
      type: 'string',
      maxLength: 4096,
      description: 'raw errMsg of the detection request',
    },
    model: { type: 'string', maxLength: 128 },
    system: { type: 'string', maxLength: 128 },
    brand: { type: 'string', maxLength: 128 },
    appId: { type: 'string', maxLength: 64 },
  },
  additionalProperties: true,
} as const;
export type ClientEnv = Infer<typeof clientEnvSchema>;

export const clientRequestOptionsSchema = {
  type: 'object',
  properties: {
    method: { type: 'string', maxLength: 16 },
    timeoutMs: { type: 'integer', minimum: 0 },
    enableHttp2: { type: 'boolean' },
    enableQuic: { type: 'boolean' },
    enableCache: { type: 'boolean' },
    enableHttpDNS: { type: 'boolean' },
    httpDNSServiceId: { type: 'string', maxLength: 128 },
    forceCellularNetwork: { type: 'boolean' },
    useHighPerformanceMode: { type: 'boolean' },
    redirect: { enum: ['follow', 'manual'] },
    dataType: { type: 'string', maxLength: 16 },
    responseType: { type: 'string', maxLength: 16 },
    header: { type: 'object', additionalProperties: true, description: 'request headers the user set' },
    bodyBytes: { type: 'integer', minimum: 0, description: 'size of the request body the user set' },
    controlUrl: { type: 'string', maxLength: 2048 },
    requested: {
      type: 'object',
      additionalProperties: true,
      description: 'the network-path options as the user asked for them',
    },
    applied: {
      type: 'object',
      additionalProperties: true,
      description: 'the same options as this base library and platform really apply them',
    },
    notApplied: { type: 'array', maxItems: 32, items: notAppliedSchema },
    variants: {
      type: 'array',
      maxItems: 16,
      description: 'the variant matrix: each id with the options it changes',
      items: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', maxLength: 64 },
          options: { type: 'object', additionalProperties: true },
        },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: true,
} as const;

export const clientObservationSchema = {
  $id: 'wxprobe.client/1',
  type: 'object',
  required: ['schema', 'url', 'api', 'env', 'attempts'],
  properties: {
    schema: { const: CLIENT_SCHEMA_ID },
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    api: { enum: ['request', 'uploadFile', 'downloadFile', 'connectSocket'] },
    env: clientEnvSchema,
    options: clientRequestOptionsSchema,
    startedAt: { type: 'string', maxLength: 64 },
    finishedAt: { type: 'string', maxLength: 64 },
    attempts: { type: 'array', maxItems: 1000, items: clientAttemptSchema },
    background: {
      type: 'array',
      maxItems: 200,
      items: backgroundSpanSchema,
      description: 'when the mini-program was in the background during the run (attempts then paused)',
    },
    networkEvents: { type: 'array', maxItems: 200, items: networkEventSchema },
  },
  additionalProperties: true,
} as const;
export type ClientObservation = Infer<typeof clientObservationSchema>;
