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
  },
  additionalProperties: true,
} as const;

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
    domainCheck: { enum: ['on', 'off', 'unknown'] },
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
  },
  additionalProperties: true,
} as const;

export type ClientProfile = Infer<typeof profileSchema>;
export type ClientAttempt = Infer<typeof clientAttemptSchema>;
export type ClientEnv = Infer<typeof clientEnvSchema>;
export type ClientObservation = Infer<typeof clientObservationSchema>;
