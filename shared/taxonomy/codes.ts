/**
 * The codes every part of wxprobe speaks (docs/taxonomy.md; taxonomy-doc.test.ts keeps the two equal).
 * A public contract: a JSON report, a test or a user's script may depend on them.
 * Add a code when reality needs one; never rename or reuse one (codes.test.ts freezes the lists).
 */

/** Raw client errors: each phase with the kinds it may carry. */
export const PHASE_KINDS = {
  'domain-check': ['not-in-domain-list', 'invalid-url'],
  dns: ['name-not-resolved', 'httpdns-failure'],
  tcp: [
    'connection-refused',
    'connection-timeout',
    'address-unreachable',
    'connection-reset',
    'connection-closed',
  ],
  tls: [
    'ssl-handshake',
    'ssl-version-or-cipher',
    'cert-authority-invalid',
    'cert-date-invalid',
    'cert-name-invalid',
    'cert-invalid',
  ],
  timeout: ['timeout'],
  client: [
    'offline',
    'proxy',
    'aborted',
    'too-many-requests',
    'interrupted',
    'network-changed',
    'invalid-request',
    'local-file',
    'socket-not-open',
  ],
  http: ['too-many-redirects', 'response-decode', 'http-status'],
  unknown: ['unknown'],
} as const;

export type Phase = keyof typeof PHASE_KINDS;
export type Kind = (typeof PHASE_KINDS)[Phase][number];
export type KindOf<P extends Phase> = (typeof PHASE_KINDS)[P][number];

export const PHASES = Object.keys(PHASE_KINDS) as Phase[];
export const KINDS: readonly Kind[] = PHASES.flatMap((p) => PHASE_KINDS[p] as readonly Kind[]);

/** Which phase a kind belongs to (each kind lives in exactly one phase). */
export function phaseOfKind(kind: Kind): Phase {
  for (const p of PHASES) if ((PHASE_KINDS[p] as readonly string[]).includes(kind)) return p;
  return 'unknown';
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/**
 * The verdicts about the server's certificate: what a client refuses only because it checks the
 * certificate (WeChat's devtools switch "不校验…HTTPS 证书" turns exactly these checks off).
 */
export const CERT_CAUSES = [
  'cert-expired',
  'cert-not-yet-valid',
  'cert-hostname-mismatch',
  'cert-self-signed',
  'cert-untrusted-root',
  'cert-chain-incomplete',
  'cert-weak',
] as const;

/** Verdicts: what the comparison of the client's view and the outside probe concludes. */
export const CAUSES = [
  'ok',
  'domain-not-in-list',
  'domain-check-bypassed',
  'icp-filing-block',
  'dns-failure',
  'dns-mismatch',
  'tcp-refused',
  'tcp-timeout',
  'tls-reset',
  'tls-version-unsupported',
  'tls-handshake-failure',
  ...CERT_CAUSES,
  'not-https',
  'ip-or-localhost-url',
  'http-error-status',
  'redirect-problem',
  'server-slow',
  'client-network',
  'intermittent',
  'vantage-dependent',
  'unknown',
] as const;

export type Cause = (typeof CAUSES)[number];

export function isCause(value: unknown): value is Cause {
  return typeof value === 'string' && (CAUSES as readonly string[]).includes(value);
}

/** The mini-program APIs whose failures we classify and measure. */
export const CLIENT_APIS = ['request', 'uploadFile', 'downloadFile', 'connectSocket'] as const;
export type ClientApi = (typeof CLIENT_APIS)[number];

/** Languages every user-facing text comes in; Chinese is the default. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Localized = { zh: string; en: string };
