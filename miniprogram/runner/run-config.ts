/**
 * What one run measures: the URL, the API, how many attempts, and the wx options that change the
 * network path. Stored between the Diagnose and Run pages and recorded in the client document.
 */
import { CLIENT_APIS, type ClientApi } from '../shared/taxonomy/codes';
import { LIMITS } from './limits';

export const REQUEST_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

export const DATA_TYPES = ['text', 'json'] as const;
export const RESPONSE_TYPES = ['text', 'arraybuffer'] as const;
export const REDIRECT_MODES = ['follow', 'manual'] as const;
/** The options a variant matrix can switch on and off, one at a time, against the base (all off). */
export const MATRIX_AXES = ['enableHttp2', 'enableQuic', 'enableHttpDNS', 'useHighPerformanceMode'] as const;
export type MatrixAxis = (typeof MATRIX_AXES)[number];

/** Bounds of the user's own request (a probe, not a load test). */
export const REQUEST_LIMITS = { maxHeaders: 32, maxHeaderValue: 1024, maxBodyChars: 16 * 1024 } as const;

export type RunConfig = {
  url: string;
  api: ClientApi;
  method: RequestMethod;
  attempts: number;
  concurrency: number;
  timeoutMs: number;
  enableHttp2: boolean;
  enableQuic: boolean;
  enableCache: boolean;
  enableHttpDNS: boolean;
  httpDNSServiceId: string;
  forceCellularNetwork: boolean;
  useHighPerformanceMode: boolean;
  /** The user's own request: headers (no Referer: WeChat forbids it), body, response handling. */
  header: Record<string, string>;
  body: string;
  dataType: (typeof DATA_TYPES)[number];
  responseType: (typeof RESPONSE_TYPES)[number];
  redirect: (typeof REDIRECT_MODES)[number];
  /** A known-good URL interleaved with the target ('' = none), e.g. the probe server's /healthz. */
  controlUrl: string;
  /** Options to vary one at a time in the same run (empty = the one configuration). */
  matrix: MatrixAxis[];
};

export const DEFAULT_RUN_CONFIG: RunConfig = {
  url: '',
  api: 'request',
  method: 'GET',
  attempts: LIMITS.defaultAttempts,
  concurrency: 1,
  timeoutMs: LIMITS.defaultTimeoutMs,
  enableHttp2: false,
  enableQuic: false,
  enableCache: false,
  enableHttpDNS: false,
  httpDNSServiceId: '',
  forceCellularNetwork: false,
  useHighPerformanceMode: false,
  header: {},
  body: '',
  dataType: 'text',
  responseType: 'text',
  redirect: 'follow',
  controlUrl: '',
  matrix: [],
};

export function maxConcurrency(api: ClientApi): number {
  return api === 'connectSocket' ? LIMITS.maxConcurrentSocket : LIMITS.maxConcurrentHttp;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function headersOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (Object.keys(out).length >= REQUEST_LIMITS.maxHeaders) break;
    // WeChat refuses to set Referer; dropping it here keeps the record true to what was sent.
    if (typeof v !== 'string' || name.trim() === '' || name.toLowerCase() === 'referer') continue;
    out[name.slice(0, 128)] = v.slice(0, REQUEST_LIMITS.maxHeaderValue);
  }
  return out;
}

/** Any stored or typed-in value → a config the runner can trust (numbers clamped to WeChat's limits). */
export function normalizeRunConfig(input: unknown): RunConfig {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const d = DEFAULT_RUN_CONFIG;
  const api = pick(raw.api, CLIENT_APIS, d.api);
  const flag = (key: keyof RunConfig) =>
    typeof raw[key] === 'boolean' ? (raw[key] as boolean) : (d[key] as boolean);
  return {
    url: typeof raw.url === 'string' ? raw.url : d.url,
    api,
    method: pick(raw.method, REQUEST_METHODS, d.method),
    attempts: clampInt(raw.attempts, 1, LIMITS.maxAttempts, d.attempts),
    concurrency: clampInt(raw.concurrency, 1, maxConcurrency(api), d.concurrency),
    timeoutMs: clampInt(raw.timeoutMs, LIMITS.minTimeoutMs, LIMITS.maxTimeoutMs, d.timeoutMs),
    enableHttp2: flag('enableHttp2'),
    enableQuic: flag('enableQuic'),
    enableCache: flag('enableCache'),
    enableHttpDNS: flag('enableHttpDNS'),
    httpDNSServiceId: typeof raw.httpDNSServiceId === 'string' ? raw.httpDNSServiceId.slice(0, 128) : '',
    forceCellularNetwork: flag('forceCellularNetwork'),
    useHighPerformanceMode: flag('useHighPerformanceMode'),
    header: headersOf(raw.header),
    body: typeof raw.body === 'string' ? raw.body.slice(0, REQUEST_LIMITS.maxBodyChars) : d.body,
    dataType: pick(raw.dataType, DATA_TYPES, d.dataType),
    responseType: pick(raw.responseType, RESPONSE_TYPES, d.responseType),
    redirect: pick(raw.redirect, REDIRECT_MODES, d.redirect),
    controlUrl: typeof raw.controlUrl === 'string' ? raw.controlUrl.slice(0, 2048) : d.controlUrl,
    matrix: Array.isArray(raw.matrix)
      ? MATRIX_AXES.filter((axis) => (raw.matrix as unknown[]).includes(axis))
      : [],
  };
}

/** Why a config cannot run as asked: each is a validation error shown to the user, never a request. */
export const RUN_CONFIG_PROBLEMS = [
  'url-missing',
  /** HttpDNS on (or in the matrix) without a service id: WeChat rejects `httpDNSServiceId: ''`. */
  'httpdns-service-id-missing',
  'control-url-not-https',
] as const;
export type RunConfigProblem = (typeof RUN_CONFIG_PROBLEMS)[number];

export function validateRunConfig(config: RunConfig): RunConfigProblem[] {
  const problems: RunConfigProblem[] = [];
  if (config.url.trim() === '') problems.push('url-missing');
  const httpDNS = config.enableHttpDNS || config.matrix.includes('enableHttpDNS');
  if (config.api === 'request' && httpDNS && config.httpDNSServiceId.trim() === '')
    problems.push('httpdns-service-id-missing');
  if (config.controlUrl !== '' && !/^(https|wss):\/\//i.test(config.controlUrl))
    problems.push('control-url-not-https');
  return problems;
}

/** What measure() rejects with for a config that must not run; `problems` name what to fix. */
type RunConfigInvalid = Error & { name: 'RunConfigInvalid'; problems: RunConfigProblem[] };

/**
 * An Error with the problems on it, not a subclass: ES6→ES5 (project.config.json `es6`) turns
 * `extends Error` into a dozen Babel helpers, ~4 KB of the package for one error type.
 */
export function runConfigInvalid(problems: RunConfigProblem[]): RunConfigInvalid {
  const error = new Error(`run config invalid: ${problems.join(', ')}`) as RunConfigInvalid;
  error.name = 'RunConfigInvalid';
  error.problems = problems;
  return error;
}
