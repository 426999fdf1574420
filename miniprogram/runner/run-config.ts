/**
 * What one run measures: the URL, the API, how many attempts, and the wx options that change the
 * network path. Stored between the Diagnose and Run pages and recorded in the client document.
 */
import { CLIENT_APIS, type ClientApi } from '../shared/taxonomy/codes';
import { LIMITS } from './limits';

export const REQUEST_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

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
  };
}
