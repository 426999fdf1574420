/**
 * The probe's options, declared once. Every way of asking for a probe — CLI flags, the operator's
 * environment variables, the API body, the no-script form — is a `Pick<>` of this type, checked by
 * the parsers in ./parsers and described by the one JSON schema in ./input-schema.
 */
import type { AttemptMode } from '../../../shared/observations/vocabulary';
import type { ResolveOverride } from '../probe/dns-lookup';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_STEP_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  MAX_ATTEMPTS,
} from '../probe/limits';

export type { ResolveOverride };

export type ProbeOptions = {
  /** per TLS variant: the full count (adaptive) or the exact one */
  attempts: number;
  /** `adaptive` stops early when every variant agrees on success; `exact` (the CLI's `--attempts N`) runs N */
  attemptMode: AttemptMode;
  /** per step / per attempt */
  timeoutMs: number;
  /** global cap: the probe always returns by then, with a partial observation if need be */
  totalTimeoutMs: number;
  controlSni: string;
  method: string;
  headers: Record<string, string>;
  /** 'addr[:port]' */
  dnsServer: string | null;
  /** curl-style --resolve */
  resolve: ResolveOverride[];
  /** extra trusted roots, PEM text */
  ca: string[];
  allowPrivate: boolean;
  allowCidrs: string[];
  /** the plain-HTTP port checked for block pages */
  httpPort: number;
  /** the caller's stop (Ctrl-C): the probe returns at once what it measured, marked `interrupted` */
  signal?: AbortSignal;
};

/** Everything a caller may hand in as data (a signal is not data): each field optional. */
export type ProbeOptionsInput = Partial<Omit<ProbeOptions, 'signal'>>;

/** What an API caller (JSON body or the web form) may choose; the operator sets the rest. */
export const API_OPTION_KEYS = ['attempts', 'timeoutMs', 'controlSni', 'httpPort'] as const;
export type ApiProbeOptions = Pick<ProbeOptionsInput, (typeof API_OPTION_KEYS)[number]>;

/** What the server merges into every probe it runs: the operator's settings and the caller's. */
export type ServerProbeOptions = Partial<
  Pick<
    ProbeOptions,
    | 'attempts'
    | 'timeoutMs'
    | 'totalTimeoutMs'
    | 'controlSni'
    | 'httpPort'
    | 'dnsServer'
    | 'resolve'
    | 'ca'
    | 'allowPrivate'
    | 'allowCidrs'
    | 'signal'
  >
>;

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
  attempts: DEFAULT_ATTEMPTS,
  attemptMode: 'adaptive',
  timeoutMs: DEFAULT_STEP_TIMEOUT_MS,
  totalTimeoutMs: DEFAULT_TOTAL_TIMEOUT_MS,
  // a large mainland site with ICP filing: an SNI filter never blocks it
  controlSni: 'www.qq.com',
  method: 'GET',
  headers: {},
  dnsServer: null,
  resolve: [],
  ca: [],
  allowPrivate: false,
  allowCidrs: [],
  httpPort: 80,
};

/** Inclusive bounds of a whole-number option. */
export type IntegerRange = { readonly min: number; readonly max: number };

/**
 * The widest values the probe takes (the CLI's). The server narrows them for strangers
 * (config.maxAttempts, API_TIMEOUT_MAX_MS) and for its own environment variables.
 */
export const OPTION_RANGES = {
  attempts: { min: 1, max: MAX_ATTEMPTS },
  timeoutMs: { min: 100, max: 600_000 },
  totalTimeoutMs: { min: 100, max: 3_600_000 },
  httpPort: { min: 1, max: 65535 },
} as const satisfies Partial<Record<keyof ProbeOptions, IntegerRange>>;

/** The longest step timeout an API caller may ask for. */
export const API_TIMEOUT_MAX_MS = 60_000;

/** A port number (DNS server, --resolve, --http-port). */
export const PORT_RANGE: IntegerRange = { min: 1, max: 65535 };
