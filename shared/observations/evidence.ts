/**
 * Evidence as data (since `wxprobe.report/2`): each piece says which part of the report's observations it
 * cites — `pointer`, a JSON Pointer (RFC 6901) into the report document, e.g. `/probe/tls/variants/0`
 * — and the facts it reads there, typed per `kind`. No words in any language: the presenter
 * (shared/present/evidence.ts) turns them into a zh or en line, and the web page links the line to
 * the cited part. Raw texts quoted in facts (errMsg, error messages, titles) are cut to a bounded
 * length with `…` by the rules; the observation itself keeps them whole.
 */
import { closedObject, orNull, type Infer } from './json-schema';
import { VANTAGE_STATES } from './vantages';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const bool = { type: 'boolean' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const ints = { type: 'array', items: int } as const;
const strs = { type: 'array', items: str } as const;

/**
 * The client stacks WeChat runs requests on, as the certificate verification profiles model them
 * (shared/diagnose/platform-profiles.ts): Android WeChat on Cronet (Chromium's network stack, no AIA
 * fetching), iOS WeChat on Apple's networking and trust rules, devtools and PC WeChat on Chromium.
 */
export const CERT_PLATFORMS = ['android', 'ios', 'desktop'] as const;
export type CertPlatform = (typeof CERT_PLATFORMS)[number];

/**
 * The rules a profile checks (one word each, see platform-profiles.ts): about the chain as a whole
 * (a trust anchor reached; reached only over AIA), then about its certificates.
 */
const CHAIN_CHECKS = ['anchor', 'chain'] as const;
const NAME_CHECKS = ['san', 'name', 'name-constraints'] as const;
const CERTIFICATE_CHECKS = ['dates', 'eku', 'key', 'signature', 'validity'] as const;
export const CERT_CHECKS = [...CHAIN_CHECKS, ...NAME_CHECKS, ...CERTIFICATE_CHECKS] as const;
export type CertCheck = (typeof CERT_CHECKS)[number];

const platforms = { type: 'array', items: { enum: CERT_PLATFORMS } } as const;

/** A probe error as cited: its code, syscall and (cut) message. */
const errorFactsSchema = {
  type: 'object',
  required: ['code', 'syscall', 'message'],
  properties: { code: strOrNull, syscall: strOrNull, message: str },
  additionalProperties: false,
} as const;
const errorOrNull = orNull(errorFactsSchema);

const alertOrNull = orNull(closedObject(['code', 'description'], { code: int, description: str }));

/** Phone attempts cited alike, to the target (client-attempts) or the control URL (client-control). */
const clientAttemptFacts = {
  attempts: ints,
  outcome: { enum: ['ok', 'http-status', 'error'] },
  statusCode: numOrNull,
  errno: { type: ['integer', 'null'] },
  errMsg: strOrNull,
  phase: strOrNull,
  kind: strOrNull,
} as const;

/** Failed handshakes that ended alike, counted. */
const failureGroupSchema = {
  type: 'object',
  required: ['count', 'end', 'serverBytes', 'alert', 'code'],
  properties: {
    count: int,
    end: str,
    /** whether the server sent any byte before the end */
    serverBytes: bool,
    alert: alertOrNull,
    code: strOrNull,
    /** the server asked for a client certificate before refusing (absent: not seen) */
    clientCertRequested: bool,
  },
  additionalProperties: false,
} as const;

/** One handshake's ending. */
const attemptEndingSchema = {
  type: 'object',
  required: ['ok', 'protocol', 'end', 'serverBytes', 'alert', 'code'],
  properties: {
    ok: bool,
    protocol: strOrNull,
    end: str,
    serverBytes: num,
    alert: alertOrNull,
    code: strOrNull,
    /** the server asked for a client certificate before refusing (absent: not seen) */
    clientCertRequested: bool,
  },
  additionalProperties: false,
} as const;

/**
 * What a `differential` counted in each group: resets before any server byte (an SNI filter's
 * shape), handshakes that got no answer until the timeout (a filter that drops), resets or closes
 * at any point, or any failure.
 */
export const DIFFERENTIAL_COUNTS = ['silent-reset', 'silent-drop', 'reset', 'failed'] as const;
export type DifferentialCount = (typeof DIFFERENTIAL_COUNTS)[number];

/** One side of a differential: which groups (TLS variant ids), and how many counted of how many. */
const countedGroupSchema = {
  type: 'object',
  required: ['ids', 'count', 'total'],
  properties: { ids: strs, count: int, total: int },
  additionalProperties: false,
} as const;

/** A piece of evidence of one kind: `{kind, pointer, facts}`. */
function piece<K extends string, F extends Record<string, unknown>>(kind: K, facts: F) {
  return {
    type: 'object',
    required: ['kind', 'pointer', 'facts'],
    properties: {
      kind: { const: kind },
      pointer: str,
      facts: {
        type: 'object',
        required: Object.keys(facts) as Array<Extract<keyof F, string>>,
        properties: facts,
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  } as const;
}

const kinds = [
  piece('view-missing', { view: { enum: ['client', 'probe'] } } as const),
  piece('client-url', {
    url: str,
    api: strOrNull,
    scheme: strOrNull,
    host: strOrNull,
    explicitPort: { type: ['boolean', 'null'] },
    port: numOrNull,
  } as const),
  piece('client-env', {
    platform: str,
    version: str,
    SDKVersion: str,
    envVersion: str,
    networkType: str,
    enableDebug: bool,
    domainCheck: str,
  } as const),
  piece('client-domain-check-evidence', { text: str } as const),
  piece('client-ratio', { ok: int, total: int } as const),
  piece('client-attempts', clientAttemptFacts),
  /** attempts to the known-good control URL interleaved with the target (same facts as client-attempts) */
  piece('client-control', clientAttemptFacts),
  piece('client-system-proxy', { hasSystemProxy: bool } as const),
  piece('client-network-events', {
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['event', 'networkType', 'isConnected', 'weakNet'],
        properties: {
          event: str,
          networkType: strOrNull,
          isConnected: { type: ['boolean', 'null'] },
          weakNet: { type: ['boolean', 'null'] },
        },
        additionalProperties: false,
      },
    },
  } as const),
  piece('client-handshake-done', { attempts: ints } as const),
  piece('client-peer-ip', { attempts: ints, peerIP: str } as const),
  piece('agreement', {
    cause: str,
    agrees: bool,
    attempts: ints,
    /** `phase/kind` of the attempts weighed */
    kinds: strs,
    /** set when the phone's clean passes (not its errors) are what contradicts */
    passed: orNull(closedObject(['ok', 'total'], { ok: int, total: int })),
  } as const),
  piece('probe-run', {
    url: str,
    startedAt: str,
    steps: { type: 'array', items: closedObject(['step', 'status'], { step: str, status: str }) },
  } as const),
  piece('probe-interrupted', { steps: strs } as const),
  piece('probe-target', { scheme: str, host: str, hostKind: str, numericHostForm: strOrNull } as const),
  piece('probe-target-error', { error: str } as const),
  piece('policy-refused', {
    refused: {
      type: 'array',
      items: closedObject(['address', 'category', 'reason'], {
        address: str,
        category: str,
        reason: strOrNull,
      }),
    },
  } as const),
  piece('policy-pinned', { address: str } as const),
  piece('dns', {
    status: str,
    server: strOrNull,
    answers: int,
    errors: {
      type: 'array',
      items: closedObject(['rrtype', 'code', 'message'], { rrtype: str, code: strOrNull, message: str }),
    },
    /** the answers' addresses, when cited */
    addresses: orNull(strs),
  } as const),
  piece('dns-answers', { addresses: strs, source: str } as const),
  piece('tcp-connect', {
    address: str,
    port: numOrNull,
    ok: bool,
    durationMs: numOrNull,
    error: errorOrNull,
  } as const),
  piece('tcp-no-result', { status: str } as const),
  piece('tls-variant', {
    variant: str,
    sni: strOrNull,
    splitHello: bool,
    ok: int,
    total: int,
    failures: { type: 'array', items: failureGroupSchema },
  } as const),
  piece('tls-versions', { versions: strs, ending: attemptEndingSchema } as const),
  /**
   * Whether the target group counts more than the others beyond chance (shared/stats/fisher.ts):
   * Fisher's exact test, one-sided; `pValue` below `alpha` (the rules' significance level) is a
   * significant difference.
   */
  piece('differential', {
    counted: { enum: DIFFERENTIAL_COUNTS },
    target: countedGroupSchema,
    others: countedGroupSchema,
    pValue: num,
    alpha: num,
  } as const),
  piece('tls-errors', { count: int, error: errorOrNull } as const),
  /**
   * One address of the name as the probe measured it on its own (`probe.addresses[i]`): the cause
   * it shows (a taxonomy cause; null when it answered cleanly) and the raw error behind it.
   */
  piece('address-result', {
    address: str,
    family: int,
    primary: bool,
    problem: strOrNull,
    error: errorOrNull,
  } as const),
  /** How many of the name's measured addresses show the problem, and their IP families. */
  piece('address-share', { affected: int, total: int, families: ints } as const),
  /**
   * One vantage of the report as diagnosed on its own (`vantages[i]`): how it came back, the main
   * cause its probe alone shows (a taxonomy cause; null when it did not answer) and whether that is
   * a failure (not `ok`; null when it did not answer: such a vantage neither passes nor fails).
   */
  piece('vantage-result', {
    vantage: str,
    state: { enum: VANTAGE_STATES },
    cause: strOrNull,
    fails: { type: ['boolean', 'null'] },
  } as const),
  piece('certificate', {
    verifyOk: bool,
    verifyError: errorOrNull,
    hostnameOk: bool,
    chainLength: int,
  } as const),
  piece('certificate-verify', { ok: bool, error: errorOrNull } as const),
  piece('certificate-hostname', { ok: bool, host: str, error: errorOrNull } as const),
  piece('certificate-names', { sans: strs, subject: str } as const),
  piece('certificate-chain', {
    index: int,
    subject: str,
    issuer: str,
    notBefore: str,
    notAfter: str,
    keyType: str,
    keyBits: numOrNull,
    signatureAlgorithm: str,
    selfSigned: bool,
    /** the dates judged against the probe's start, when that is the point */
    dates: orNull(
      closedObject(['startedAt', 'judged'], {
        startedAt: str,
        judged: { enum: ['expired', 'not-yet-valid', 'in-range'] },
      }),
    ),
  } as const),
  piece('certificate-aia', {
    url: strOrNull,
    fetched: bool,
    bytes: num,
    error: errorOrNull,
    verify: orNull(closedObject(['ok', 'error'], { ok: bool, error: errorOrNull })),
  } as const),
  /**
   * How WeChat's client stacks judge the certificate on the rules a verdict is about: which
   * platforms refuse, which accept, whether Node's own verification (the probe's) accepted, and each
   * rule broken — on which certificate of the built path (0 = leaf), the raw value, the limit.
   */
  piece('certificate-platforms', {
    checks: { type: 'array', items: { enum: CERT_CHECKS } },
    reject: platforms,
    accept: platforms,
    nodeAccepts: bool,
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'cert', 'value', 'limit', 'platforms'],
        properties: {
          check: { enum: CERT_CHECKS },
          cert: { type: ['integer', 'null'] },
          value: str,
          limit: strOrNull,
          platforms,
        },
        additionalProperties: false,
      },
    },
  } as const),
  piece('http-hop', {
    index: int,
    url: str,
    status: numOrNull,
    server: strOrNull,
    location: strOrNull,
    ttfbMs: numOrNull,
    error: errorOrNull,
  } as const),
  piece('http-no-hops', { status: str } as const),
  piece('http-timeout', { timeoutMs: num } as const),
  piece('port80', {
    address: strOrNull,
    status: strOrNull,
    statusCode: numOrNull,
    server: strOrNull,
    title: strOrNull,
    location: strOrNull,
    error: errorOrNull,
  } as const),
] as const;

export const evidenceSchema = {
  description:
    'one piece of evidence: the JSON Pointer of the observation part it cites (into this report) and the facts read there, typed by kind',
  anyOf: kinds,
} as const;

export type Evidence = Infer<typeof evidenceSchema>;
export type EvidenceKind = Evidence['kind'];
/** The facts of one kind of evidence. */
export type FactsOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>['facts'];
export type ErrorFacts = Infer<typeof errorFactsSchema>;

/** Every kind, in the schema's order: presenters keep a renderer per kind (`Record<EvidenceKind, …>`). */
export const EVIDENCE_KINDS = kinds.map((k) => k.properties.kind.const) as EvidenceKind[];
