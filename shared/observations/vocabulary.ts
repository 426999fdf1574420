/**
 * The words of the probe's contract, each defined once: TLS variant ids, step names and how a step
 * ended, the probe's own error codes, and the notes its progress events carry. The schemas use these
 * tables as `enum`s, the probe builds its observations from them, the rules and the presenters import
 * them. Label tables elsewhere are keyed by these types (`Record<TlsVariantId, …>`), so a word added
 * here without its label (or its measurement) fails to compile.
 */

/**
 * The TLS handshake variants the probe compares: SNI = the URL's host, no SNI, a control SNI (a name
 * no filter blocks), and SNI = host with the ClientHello split over several TCP segments.
 */
export const TLS_VARIANT_IDS = ['sni-host', 'no-sni', 'control-sni', 'split-hello'] as const;
export type TlsVariantId = (typeof TLS_VARIANT_IDS)[number];

/**
 * How many handshakes per variant the probe runs (tls.attemptPlan): `adaptive` (the default) stops
 * early when every variant agrees on success and goes to the full count otherwise; `exact` runs
 * exactly the requested count (`--attempts N`).
 */
export const ATTEMPT_MODES = ['adaptive', 'exact'] as const;
export type AttemptMode = (typeof ATTEMPT_MODES)[number];

/**
 * Why the probe ran the count it ran: `all-consistent` (adaptive, stopped early: every variant
 * succeeded every time), `outcome-differs` (adaptive, a variant's attempt failed: the full count),
 * `exact` (the operator asked for exactly N), `within-early-stop` (the requested count is no more
 * than the early stop: nothing to save), `close-to-significance` (adaptive, after the full count
 * the target SNI's failures against the controls' were close to the significance level, neither
 * significant nor clearly not: one more round per variant, `attemptPlan.escalation`).
 */
export const ATTEMPT_PLAN_REASONS = [
  'all-consistent',
  'outcome-differs',
  'exact',
  'within-early-stop',
  'close-to-significance',
] as const;

/** The probe's steps, in the order they start: `observation.steps` keys and progress `step`. */
export const PROBE_STEPS = [
  'target',
  'dns',
  'policy',
  'tcp',
  'tls',
  'certificate',
  'http',
  'port80',
] as const;
export type ProbeStep = (typeof PROBE_STEPS)[number];

/** How a step ended. `refused` = the address policy refused it; `skipped` = not applicable. */
export const STEP_STATUSES = ['done', 'error', 'timeout', 'refused', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A progress event's status: a step started, or ended as one of the step statuses. */
export const PROGRESS_STATUSES = ['start', ...STEP_STATUSES] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * Codes for things the probe did itself (not errors Node reported). The `WXPROBE_` prefix is the
 * probe's: an error code with it that is not in this table is not a valid observation.
 */
export const PROBE_ERROR_CODES = {
  /** our per-step timer fired (the network never said anything) */
  timeout: 'WXPROBE_TIMEOUT',
  /** the address policy refused every address for this connection */
  refused: 'WXPROBE_ADDRESS_REFUSED',
  /** a redirect Location that is not a usable http(s) URL */
  badRedirect: 'WXPROBE_BAD_REDIRECT',
  /** AIA fetched something that is not a certificate we can read (e.g. PKCS#7) */
  aiaUnreadable: 'WXPROBE_AIA_UNREADABLE',
  /** AIA URL scheme other than http: */
  aiaUnsupported: 'WXPROBE_AIA_UNSUPPORTED',
  /** no completed handshake with SNI = host, so there is no certificate to look at */
  noHandshake: 'WXPROBE_NO_HANDSHAKE',
  /** the probe's own chain building (sent chain + AIA) ended at a self-signed certificate outside the trust store */
  chainUntrustedRoot: 'WXPROBE_CHAIN_UNTRUSTED_ROOT',
  /** the probe's own chain building found no issuer: not sent, not in the trust store, none via AIA */
  chainNoIssuer: 'WXPROBE_CHAIN_NO_ISSUER',
  /** AIA following stopped at its bound (fetches, bytes or time; see limits.ts) */
  aiaLimit: 'WXPROBE_AIA_LIMIT',
} as const;
export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[keyof typeof PROBE_ERROR_CODES];
export const PROBE_ERROR_CODE_LIST = Object.values(PROBE_ERROR_CODES) as readonly ProbeErrorCode[];
/** The prefix of the probe's own codes: reserved, every code with it is in PROBE_ERROR_CODES. */
export const PROBE_ERROR_CODE_PREFIX = 'WXPROBE_';

/**
 * How the probe's own chain building reached a trust anchor: with the certificates the server sent
 * alone (what Android's Cronet can do), or only with intermediates fetched over AIA (what iOS and
 * desktop Chromium do, Android does not).
 */
export const CHAIN_ANCHORED_VIA = ['sent-chain', 'aia'] as const;

/** Where a trust anchor comes from: Node's bundled Mozilla roots, or a root the user gave (`--ca`). */
export const TRUST_ANCHOR_SOURCES = ['bundled', 'ca-option'] as const;
export type TrustAnchorSource = (typeof TRUST_ANCHOR_SOURCES)[number];

/**
 * Why a step ended as it did, as a stable code on a progress event ("why was this step skipped?").
 * shared/present/notes.ts says each in the reader's language.
 */
export const PROBE_NOTES = [
  'bad-url',
  'no-address',
  'policy-refused',
  'no-tcp',
  'not-tls',
  'not-http',
  'budget-ended',
  'interrupted',
] as const;
export type ProbeNote = (typeof PROBE_NOTES)[number];

/**
 * `TLSv1` → `TLS 1.0`, `TLSv1.2` → `TLS 1.2`: the probe records OpenSSL's protocol names
 * (`TLS_VERSIONS` in probe.ts); people, the diagnosis texts and the presenters name them this way.
 */
export function tlsVersionName(version: string): string {
  const m = /^TLSv(\d)(?:\.(\d))?$/.exec(version);
  return m ? `TLS ${m[1]}.${m[2] ?? '0'}` : version;
}
