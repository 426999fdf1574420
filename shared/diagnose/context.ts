/**
 * What every rule reads: the two observations, each attempt of the client classified once, and the
 * probe's sections looked up defensively (any section may be null, any step may be unfinished).
 * Building the context is the only place that calls the classifier.
 */
import { classifyClientError } from '../classify/classify';
import { domainCheckOf } from '../classify/domain-check';
import type { ClientAttempt, ClientObservation } from '../observations/client';
import type { HttpHop, ProbeObservation, TlsAttempt, TlsVariant, TlsVersion } from '../observations/probe';
import type { TlsVariantId } from '../observations/vocabulary';
import type { Kind, Phase } from '../taxonomy/codes';
import { parseUrl, type UrlFacts } from '../url/parse';

export type AttemptView = {
  index: number;
  /** success callback fired and, for HTTP, the status is below 400 */
  passed: boolean;
  attempt: ClientAttempt;
  /** the classified error; for an answered request with status >= 400: http/http-status */
  phase: Phase | null;
  kind: Kind | null;
  codeName: string | null;
};

export type ClientFacts = {
  doc: ClientObservation;
  url: UrlFacts | null;
  /** the attempts that count: those that overlapped the background, and control-URL ones, are left out */
  attempts: AttemptView[];
  /** the control-URL attempts (a known-good URL interleaved with the target), background ones left out */
  control: AttemptView[];
  passes: AttemptView[];
  failures: AttemptView[];
  /** how the client ran with WeChat's checks (domain list, TLS version, certificate) skipped */
  bypass: 'off' | 'debug' | null;
};

export type ProbeFacts = {
  doc: ProbeObservation;
  url: UrlFacts | null;
  /** set when the address policy refused every address: the probe never looked from outside */
  outsideMissing: string | null;
  /** the steps a caller's stop (Ctrl-C) cut short; null when the probe ran to its end */
  interrupted: string[] | null;
  startedAtMs: number | null;
};

export type Context = {
  client: ClientFacts | null;
  probe: ProbeFacts | null;
  /** the probe, when it actually connected somewhere (not refused by the address policy) */
  outside: ProbeFacts | null;
};

type Classification = { phase: Phase; kind: Kind; codeName?: string | undefined };

function classify(doc: ClientObservation, attempt: ClientAttempt): Classification {
  try {
    const r = classifyClientError({
      raw: typeof attempt.errMsg === 'string' ? attempt.errMsg : '',
      errno: typeof attempt.errno === 'number' ? attempt.errno : undefined,
      platform: doc.env.platform,
      api: doc.api,
    });
    return { phase: r.phase, kind: r.kind, codeName: r.codeName };
  } catch {
    // The classifier is total by contract; this guard keeps diagnose() total even if it is not.
    return { phase: 'unknown', kind: 'unknown' };
  }
}

export function answeredStatus(a: ClientAttempt): number | null {
  return typeof a.statusCode === 'number' ? a.statusCode : null;
}

/**
 * Classifications already made, shared by every document: the classifier reads only an attempt's
 * errMsg and errno and the document's platform and API, phones fail with a few hundred distinct
 * messages, and each reading costs tens of microseconds of regular expressions. Bounded: emptied
 * when full; a long message is classified afresh each time rather than kept.
 */
const CLASSIFIED = new Map<string, Classification>();
const CLASSIFIED_MAX = 1024;
const CLASSIFIED_KEY_MAX = 600;

function classifiedOnce(doc: ClientObservation, attempt: ClientAttempt): Classification {
  const { platform } = doc.env;
  const errno = typeof attempt.errno === 'number' ? attempt.errno : null;
  const errMsg = typeof attempt.errMsg === 'string' ? attempt.errMsg : '';
  // an unvalidated document (tests diagnose any shape) is classified afresh, never keyed loosely
  if (typeof platform !== 'string' || typeof doc.api !== 'string') return classify(doc, attempt);
  const key = JSON.stringify([platform, doc.api, errno, errMsg]);
  if (key.length > CLASSIFIED_KEY_MAX) return classify(doc, attempt);
  let c = CLASSIFIED.get(key);
  if (!c) {
    if (CLASSIFIED.size >= CLASSIFIED_MAX) CLASSIFIED.clear();
    CLASSIFIED.set(key, (c = classify(doc, attempt)));
  }
  return c;
}

function clientFacts(doc: ClientObservation): ClientFacts {
  const views: AttemptView[] = doc.attempts.map((attempt, index) => {
    const status = answeredStatus(attempt);
    if (attempt.ok && (status === null || status < 400))
      return { index, passed: true, attempt, phase: null, kind: null, codeName: null };
    if (attempt.ok)
      return {
        index,
        passed: false,
        attempt,
        phase: 'http',
        kind: 'http-status',
        codeName: `HTTP ${status}`,
      };
    const c = classifiedOnce(doc, attempt);
    return { index, passed: false, attempt, phase: c.phase, kind: c.kind, codeName: c.codeName ?? null };
  });
  // An attempt that overlapped the background was failed or held by WeChat itself (`interrupted`,
  // errno 600003): it counts neither as a pass nor as a failure of the server. A control attempt
  // went to another URL (the known-good one): it says nothing about the target either.
  const attempts = views.filter((v) => v.attempt.background !== true && v.attempt.target !== 'control');
  const env = doc.env;
  const platform = String(env.platform).toLowerCase();
  // Read from the raw probe answer when the document has it, so every reader decides alike.
  const domainCheck = domainCheckOf(env);
  const bypass =
    domainCheck === 'off'
      ? 'off'
      : domainCheck === 'unknown' && (platform === 'devtools' || env.enableDebug === true)
        ? 'debug'
        : null;
  return {
    doc,
    url: parseUrl(doc.url),
    attempts,
    control: views.filter((v) => v.attempt.background !== true && v.attempt.target === 'control'),
    passes: attempts.filter((a) => a.passed),
    failures: attempts.filter((a) => !a.passed),
    bypass,
  };
}

function isoMs(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

function probeUrl(doc: ProbeObservation): UrlFacts | null {
  const t = doc.target;
  if (t && t.error === null && t.host !== '' && t.hostKind !== 'none') {
    return {
      scheme: t.scheme.toLowerCase().replace(/:$/, ''),
      host: t.host.toLowerCase(),
      port: t.port,
      explicitPort: t.explicitPort,
      hostKind: t.hostKind,
      numericHostForm: t.numericHostForm ?? null,
    };
  }
  return parseUrl(doc.url);
}

/** Why the outside view is missing, when the address policy refused the probe's addresses. */
function policyRefusal(doc: ProbeObservation): string | null {
  const policy = doc.policy;
  const refusedStep = doc.steps?.policy === 'refused';
  const checks = policy?.checks ?? [];
  const allRefused = checks.length > 0 && checks.every((c) => !c.allowed);
  if (!refusedStep && !allRefused) return null;
  const refused = checks
    .filter((c) => !c.allowed)
    .map((c) => `${c.address} (${c.category}${c.reason ? `: ${c.reason}` : ''})`);
  return refused.length > 0 ? refused.join(', ') : 'steps.policy=refused';
}

function probeFacts(doc: ProbeObservation): ProbeFacts {
  return {
    doc,
    url: probeUrl(doc),
    outsideMissing: policyRefusal(doc),
    interrupted: doc.interrupted ? [...doc.interrupted.steps] : null,
    startedAtMs: isoMs(doc.startedAt),
  };
}

export function buildContext(
  client: ClientObservation | null | undefined,
  probe: ProbeObservation | null | undefined,
): Context {
  const c = client ? clientFacts(client) : null;
  const p = probe ? probeFacts(probe) : null;
  return { client: c, probe: p, outside: p && p.outsideMissing === null ? p : null };
}

/** An address as written in a profile or an answer: no brackets, no IPv4-mapped prefix, lower case. */
export function normaliseIp(ip: string): string {
  return ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

const PLACEHOLDER_IPS = new Set(['', '0.0.0.0', '::', 'unknown']);

/**
 * The addresses the phone connected to in these attempts (`profile.peerIP`), with the attempts that
 * did: only where WeChat reports a real one (not in high-performance mode, not a placeholder).
 */
export function phonePeerIps(attempts: readonly AttemptView[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const v of attempts) {
    const profile = v.attempt.profile;
    if (!profile || profile.usingHighPerformanceMode === true || typeof profile.peerIP !== 'string') continue;
    const ip = normaliseIp(profile.peerIP);
    if (PLACEHOLDER_IPS.has(ip)) continue;
    seen.set(ip, [...(seen.get(ip) ?? []), v.index]);
  }
  return seen;
}

// ---- probe lookups ------------------------------------------------------------------------------

export function variant(p: ProbeFacts, id: TlsVariantId): TlsVariant | null {
  const variants = p.doc.tls?.variants ?? [];
  return variants.find((v) => v.id === id && v.total > 0) ?? null;
}

/** The variants that ran at least once. */
export function measuredVariants(p: ProbeFacts): TlsVariant[] {
  return (p.doc.tls?.variants ?? []).filter((v) => v.total > 0 && v.attempts.length > 0);
}

export function okRatio(v: TlsVariant): number {
  return v.total > 0 ? v.okCount / v.total : 0;
}

export function versionAttempt(p: ProbeFacts, version: TlsVersion): TlsAttempt | null {
  return p.doc.tls?.versions.find((v) => v.version === version)?.attempt ?? null;
}

export function finalHop(p: ProbeFacts): HttpHop | null {
  const hops = p.doc.http?.hops ?? [];
  return hops.length > 0 ? (hops[hops.length - 1] ?? null) : null;
}

/**
 * The port the target was checked on, for advice that names it (`openssl s_client -connect h:port`,
 * "open TCP port"): the probe's TLS / TCP port, else the URL's (the probe's, then the client's).
 */
export function checkedPort(ctx: Context): number | null {
  const p = ctx.probe;
  return p?.doc.tls?.port ?? p?.doc.tcp?.results[0]?.port ?? p?.url?.port ?? ctx.client?.url?.port ?? null;
}

/** TCP reached the server on at least one address (or TLS did, which implies it). */
export function tcpReached(p: ProbeFacts): boolean {
  if ((p.doc.tcp?.results ?? []).some((r) => r.ok)) return true;
  return measuredVariants(p).some((v) => v.okCount > 0 || v.attempts.some((a) => a.serverBytes > 0));
}

/** The probe fetched the URL from outside and got an answer below 400 over a completed handshake. */
export function probeHealthy(p: ProbeFacts | null): boolean {
  if (!p) return false;
  const hop = finalHop(p);
  if (!hop || hop.error !== null || hop.statusCode === null) return false;
  if (hop.statusCode < 200 || hop.statusCode >= 400) return false;
  const sni = variant(p, 'sni-host');
  if (sni && okRatio(sni) < 1) return false;
  const cert = p.doc.certificate;
  if (cert && (!cert.verify.ok || !cert.hostname.ok)) return false;
  return true;
}

/** The client view, when every attempt passed with WeChat's checks on. */
export function clientHealthy(c: ClientFacts | null): boolean {
  return !!c && c.attempts.length > 0 && c.failures.length === 0 && c.bypass === null;
}
