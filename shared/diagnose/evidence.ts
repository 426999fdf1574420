/**
 * Evidence builders: each piece is data (shared/observations/evidence.ts) — the JSON Pointer of the
 * observation part it cites and the raw facts read there (counts, codes, field values, raw texts cut
 * to a bounded length). No words: shared/present/evidence.ts says them in zh or en.
 */
import type { ErrorFacts, Evidence, FactsOf } from '../observations/evidence';
import type { EvidenceKind } from '../observations/evidence';
import type {
  AddressResult,
  CertInfo,
  HttpHop,
  ProbeCertificate,
  ProbeError,
  TlsAttempt,
  TlsVariant,
} from '../observations/probe';
import type { AttemptView, ClientFacts, ProbeFacts } from './context';

const MAX_RAW = 200;
const MAX_MESSAGE = 120;

/** A JSON Pointer (RFC 6901) from path segments. */
function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function evidence<K extends EvidenceKind>(kind: K, at: string, facts: FactsOf<K>): Evidence {
  return { kind, pointer: at, facts } as Evidence;
}

/** A raw text as cited: whitespace flattened, cut to `max` characters with `…`. */
export function clip(text: unknown, max = MAX_RAW): string {
  const s = typeof text === 'string' ? text : String(text);
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function errorFacts(e: ProbeError | null | undefined): ErrorFacts | null {
  if (!e) return null;
  return { code: e.code ?? null, syscall: e.syscall ?? null, message: clip(e.message, MAX_MESSAGE) };
}

/** The `/client/attempts/i` of one attempt, or `/client/attempts` for several. */
function attemptsPointer(indexes: readonly number[]): string {
  return indexes.length === 1
    ? pointer('client', 'attempts', indexes[0] ?? 0)
    : pointer('client', 'attempts');
}

// ---- probe: TLS --------------------------------------------------------------------------------

function alertOf(a: TlsAttempt) {
  return a.alert ? { code: a.alert.code, description: a.alert.description } : null;
}

/** Failed attempts grouped by how they ended. */
/** The fact only when seen, so the endings of ordinary failures stay as they were. */
function certRequested(a: TlsAttempt): { clientCertRequested?: true } {
  return a.clientCertRequested ? { clientCertRequested: true } : {};
}

function failureGroups(attempts: readonly TlsAttempt[]): FactsOf<'tls-variant'>['failures'] {
  const groups = new Map<string, FactsOf<'tls-variant'>['failures'][number]>();
  for (const a of attempts) {
    if (a.ok) continue;
    const group = {
      count: 0,
      end: a.end,
      serverBytes: a.serverBytes > 0,
      alert: alertOf(a),
      code: a.error?.code ?? null,
      ...certRequested(a),
    };
    const key = JSON.stringify(group);
    const seen = groups.get(key) ?? group;
    seen.count += 1;
    groups.set(key, seen);
  }
  return [...groups.values()];
}

export function variantEvidence(p: ProbeFacts, v: TlsVariant): Evidence {
  const index = (p.doc.tls?.variants ?? []).indexOf(v);
  return evidence('tls-variant', pointer('probe', 'tls', 'variants', Math.max(0, index)), {
    variant: v.id,
    sni: v.sni,
    splitHello: v.splitHello,
    ok: v.okCount,
    total: v.total,
    failures: failureGroups(v.attempts),
  });
}

function attemptEnding(a: TlsAttempt): FactsOf<'tls-versions'>['ending'] {
  return {
    ok: a.ok,
    protocol: a.ok ? (a.protocol ?? null) : null,
    end: a.end,
    serverBytes: a.serverBytes,
    alert: alertOf(a),
    code: a.error?.code ?? null,
    ...certRequested(a),
  };
}

/** The version sweep, the versions whose attempt ended alike in one piece. */
export function versionEvidence(p: ProbeFacts, only?: (v: { attempt: TlsAttempt }) => boolean): Evidence[] {
  const groups = new Map<string, { indexes: number[]; versions: string[]; attempt: TlsAttempt }>();
  (p.doc.tls?.versions ?? []).forEach((v, i) => {
    if (only && !only(v)) return;
    const key = JSON.stringify(attemptEnding(v.attempt));
    const group = groups.get(key) ?? { indexes: [], versions: [], attempt: v.attempt };
    group.indexes.push(i);
    group.versions.push(v.version);
    groups.set(key, group);
  });
  return [...groups.values()].map((g) =>
    evidence(
      'tls-versions',
      g.indexes.length === 1
        ? pointer('probe', 'tls', 'versions', g.indexes[0] ?? 0)
        : pointer('probe', 'tls', 'versions'),
      { versions: g.versions, ending: attemptEnding(g.attempt) },
    ),
  );
}

/** A differential between groups of TLS variants (differential.ts): it cites the variants. */
export function differentialEvidence(d: FactsOf<'differential'>): Evidence {
  return evidence('differential', pointer('probe', 'tls', 'variants'), d);
}

/** Handshakes across the variants that failed with one error: `count` of them, the first's error. */
export function tlsErrorsEvidence(attempts: readonly TlsAttempt[]): Evidence {
  return evidence('tls-errors', pointer('probe', 'tls', 'variants'), {
    count: attempts.length,
    error: errorFacts(attempts[0]?.error),
  });
}

// ---- probe: HTTP, port 80 ----------------------------------------------------------------------

export function header(headers: Record<string, string> | null | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return null;
}

export function hopEvidence(hop: HttpHop, index: number): Evidence {
  const server = header(hop.headers, 'server');
  const location = header(hop.headers, 'location');
  return evidence('http-hop', pointer('probe', 'http', 'hops', index), {
    index,
    url: hop.url,
    status: hop.statusCode,
    server: server === null ? null : clip(server, 60),
    location: location === null ? null : clip(location, 160),
    ttfbMs: hop.ttfbMs === null ? null : Math.round(hop.ttfbMs),
    error: errorFacts(hop.error),
  });
}

/** The last hop of the probe's fetch. */
export function finalHopEvidence(p: ProbeFacts): Evidence | null {
  const hops = p.doc.http?.hops ?? [];
  const last = hops[hops.length - 1];
  return last ? hopEvidence(last, hops.length - 1) : null;
}

export function port80Evidence(p: ProbeFacts, withError: boolean): Evidence | null {
  const p80 = p.doc.port80;
  if (!p80) return null;
  return evidence('port80', pointer('probe', 'port80'), {
    address: p80.address ?? null,
    status: withError ? p80.status : null,
    statusCode: p80.statusCode,
    server: p80.server ? clip(p80.server, 60) : null,
    title: !withError && p80.title ? clip(p80.title, 80) : null,
    location: !withError && p80.location ? clip(p80.location, 160) : null,
    error: withError ? errorFacts(p80.error) : null,
  });
}

// ---- probe: certificate -------------------------------------------------------------------------

export function certificateEvidence(cert: ProbeCertificate): Evidence {
  return evidence('certificate', pointer('probe', 'certificate'), {
    verifyOk: cert.verify.ok,
    verifyError: errorFacts(cert.verify.error),
    hostnameOk: cert.hostname.ok,
    chainLength: cert.chain.length,
  });
}

export function verifyEvidence(cert: ProbeCertificate): Evidence {
  return evidence('certificate-verify', pointer('probe', 'certificate', 'verify'), {
    ok: cert.verify.ok,
    error: errorFacts(cert.verify.error),
  });
}

export function certEvidence(
  c: CertInfo,
  index: number,
  dates: FactsOf<'certificate-chain'>['dates'] = null,
): Evidence {
  return evidence('certificate-chain', pointer('probe', 'certificate', 'chain', index), {
    index,
    subject: clip(c.subject, 100),
    issuer: clip(c.issuer, 100),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    keyType: c.keyType,
    keyBits: c.keyBits ?? null,
    signatureAlgorithm: c.signatureAlgorithm,
    selfSigned: c.selfSigned,
    dates,
  });
}

// ---- probe: the run, target, policy, DNS, TCP -------------------------------------------------------

export function policyRefusedEvidence(p: ProbeFacts): Evidence {
  const refused = (p.doc.policy?.checks ?? [])
    .filter((c) => !c.allowed)
    .map((c) => ({ address: c.address, category: c.category, reason: c.reason ?? null }));
  return evidence('policy-refused', pointer('probe', 'policy'), { refused });
}

export function tcpResultEvidence(p: ProbeFacts, index: number, withDuration: boolean): Evidence | null {
  const r = p.doc.tcp?.results[index];
  if (!r) return null;
  return evidence('tcp-connect', pointer('probe', 'tcp', 'results', index), {
    address: r.address,
    port: r.port,
    ok: r.ok,
    durationMs: withDuration ? Math.round(r.durationMs) : null,
    error: errorFacts(r.error),
  });
}

// ---- client ----------------------------------------------------------------------------------

/**
 * Client attempts grouped by identical raw outcome; `client-control` for the control-URL attempts.
 * Indexes and pointers are the document's (`/client/attempts/i`), control attempts included.
 */
export function clientAttemptEvidence(
  views: readonly AttemptView[],
  kind: 'client-attempts' | 'client-control' = 'client-attempts',
): Evidence[] {
  const groups = new Map<
    string,
    { indexes: number[]; facts: Omit<FactsOf<'client-attempts'>, 'attempts'> }
  >();
  // a phone's attempts mostly fail with one message: flatten it once, not once per attempt
  let lastMessage: unknown;
  let lastClipped = '';
  const clipped = (message: unknown): string => {
    if (message !== lastMessage) {
      lastMessage = message;
      lastClipped = clip(message ?? '');
    }
    return lastClipped;
  };
  for (const v of views) {
    const a = v.attempt;
    const status = typeof a.statusCode === 'number' ? a.statusCode : null;
    const facts: Omit<FactsOf<'client-attempts'>, 'attempts'> = v.passed
      ? { outcome: 'ok', statusCode: status, errno: null, errMsg: null, phase: null, kind: null }
      : v.kind === 'http-status'
        ? {
            outcome: 'http-status',
            statusCode: status,
            errno: null,
            errMsg: null,
            phase: 'http',
            kind: 'http-status',
          }
        : {
            outcome: 'error',
            statusCode: null,
            errno: typeof a.errno === 'number' ? a.errno : null,
            errMsg: clipped(a.errMsg),
            phase: v.phase,
            kind: v.kind,
          };
    // errMsg last: the fields before it are numbers, null or vocabulary words, none holding a tab.
    const key = `${facts.outcome}\t${facts.statusCode}\t${facts.errno}\t${facts.phase}\t${facts.kind}\t${facts.errMsg}`;
    const group = groups.get(key) ?? { indexes: [], facts };
    group.indexes.push(v.index);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) =>
    evidence(kind, attemptsPointer(g.indexes), { attempts: g.indexes, ...g.facts }),
  );
}

/** The address the phone connected to (`profile.peerIP`), cited at the first attempt that did. */
export function peerIpEvidence(ip: string, attempts: readonly number[]): Evidence {
  return evidence('client-peer-ip', pointer('client', 'attempts', attempts[0] ?? 0, 'profile', 'peerIP'), {
    attempts: [...attempts],
    peerIP: ip,
  });
}

export function clientRatioEvidence(c: ClientFacts): Evidence {
  return evidence('client-ratio', pointer('client', 'attempts'), {
    ok: c.passes.length,
    total: c.attempts.length,
  });
}

export function clientEnvEvidence(c: ClientFacts): Evidence {
  const e = c.doc.env;
  return evidence('client-env', pointer('client', 'env'), {
    platform: String(e.platform),
    version: e.version,
    SDKVersion: e.SDKVersion,
    envVersion: e.envVersion,
    networkType: e.networkType,
    enableDebug: e.enableDebug,
    domainCheck: e.domainCheck,
  });
}

/** The client's URL; with its parsed parts when `parsed`, with the API when `api`. */
export function clientUrlEvidence(c: ClientFacts, parts: { parsed: boolean; api: boolean }): Evidence {
  const u = parts.parsed ? c.url : null;
  return evidence('client-url', pointer('client', 'url'), {
    url: clip(c.doc.url),
    api: parts.api ? c.doc.api : null,
    scheme: u?.scheme ?? null,
    host: u?.host ?? null,
    explicitPort: u ? u.explicitPort : null,
    port: u?.explicitPort ? u.port : null,
  });
}

export function viewMissingEvidence(view: 'client' | 'probe'): Evidence {
  return evidence('view-missing', pointer(view), { view });
}

/** `agreement` pieces: the phone's attempts weighed against a probe-based cause. */
export function agreementEvidence(
  cause: string,
  agrees: boolean,
  views: readonly AttemptView[],
  passed: { ok: number; total: number } | null = null,
): Evidence {
  const indexes = views.map((v) => v.index);
  return evidence('agreement', passed ? pointer('client', 'attempts') : attemptsPointer(indexes), {
    cause,
    agrees,
    attempts: indexes,
    kinds: [...new Set(views.map((v) => `${v.phase}/${v.kind}`))],
    passed,
  });
}

/** One address of the name as measured on its own, with the cause it shows (null: answered cleanly). */
export function addressResultEvidence(
  index: number,
  a: AddressResult,
  problem: string | null,
  error: ProbeError | null,
): Evidence {
  return evidence('address-result', pointer('probe', 'addresses', index), {
    address: a.address,
    family: a.family,
    primary: a.primary,
    problem,
    error: errorFacts(error),
  });
}

export function addressShareEvidence(affected: readonly AddressResult[], total: number): Evidence {
  return evidence('address-share', pointer('probe', 'addresses'), {
    affected: affected.length,
    total,
    families: [...new Set(affected.map((a) => a.family))].sort(),
  });
}
