/**
 * Certificate verification as WeChat's client stacks do it, not as Node does: one profile per stack,
 * applied to the chain the probe recorded (the certificates the server sent, those fetched over AIA,
 * the trust anchor reached — `probe.certificate.trust`). Pure: facts in, findings out; the
 * certificate rules (rules/certificate.ts) turn findings into verdicts that say which platforms
 * refuse and which accept.
 *
 * The stacks (shared/observations/evidence.ts CERT_PLATFORMS):
 * - android — Android WeChat runs requests on Cronet: Chromium's network stack and its certificate
 *   checks, with the chain built from what the server sent only. Android does not fetch a missing
 *   intermediate: https://developer.android.com/privacy-and-security/security-ssl#MissingCa
 *   ("Missing intermediate certificate authority"), and Cronet wires no AIA fetcher.
 * - ios — iOS WeChat on Apple's networking (URLSession / Secure Transport trust evaluation), which
 *   fetches missing intermediates over AIA.
 * - desktop — WeChat devtools (NW.js) and PC WeChat on Chromium, which fetches over AIA
 *   (Chromium's CertVerifyProcBuiltin with its CertNetFetcher).
 *
 * The trust store is Node's bundled Mozilla roots plus `--ca` — an approximation of each platform's
 * own store (Android system roots, Apple's, the Chrome Root Store), which mostly hold the same public
 * CAs. Rules limited to publicly trusted certificates (validity caps) apply when the anchor is a
 * bundled root, never to a `--ca` root (Apple and Chromium exempt user-added roots likewise).
 */
import type { CertCheck, CertPlatform } from '../observations/evidence';
import { CERT_PLATFORMS } from '../observations/evidence';
import type { CertInfo, ProbeCertificate, ProbeObservation } from '../observations/probe';
import { ipv4ToBytes, ipv6ToBytes } from '../url/ip-bytes';

const DAY_MS = 86_400_000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** OpenSSL verify codes that say the chain reached no trusted root (or no issuer at all). */
const NOT_ANCHORED_CODES = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
];

type Profile = {
  /** completes a chain with intermediates fetched over AIA */
  aia: boolean;
  /** smallest RSA / DSA key accepted anywhere in the path */
  minRsaBits: number;
  /** the EC key sizes (named curves) accepted; null = not judged */
  ecBits: readonly number[] | null;
  /** an EKU of anyExtendedKeyUsage stands for serverAuth */
  anyEku: boolean;
  /** intermediates' EKU, when present, must allow serverAuth too */
  ekuOnIntermediates: boolean;
  /** leaves issued (notBefore) on or after this must carry an EKU with serverAuth; null = no such rule */
  ekuRequiredFrom: number | null;
  /** the longest leaf validity accepted, in days (null = no cap), by issue date and trust */
  maxValidityDays(notBefore: number, publiclyTrusted: boolean, notAfter: number): number | null;
};

/** Calendar months from a to b, a remainder counted as a whole month (Chromium's reckoning). */
function monthsBetween(a: number, b: number): number {
  const x = new Date(a);
  const y = new Date(b);
  const months = (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + (y.getUTCMonth() - x.getUTCMonth());
  return y.getUTCDate() > x.getUTCDate() ? months + 1 : months;
}

/**
 * Chromium `CertVerifyProc::HasTooLongValidity` (net/cert/cert_verify_proc.cc), applied only when
 * the chain ends at a known (public) root — ERR_CERT_VALIDITY_TOO_LONG. The dates follow the CA/B
 * Forum Baseline Requirements §6.3.2 (Certificate operational periods): 398 days from 2020-09-01,
 * 825 days from 2018-03-01, 39 months from 2015-04-01, 60 months from 2012-07-01, else 120 months.
 * Months are turned into a day cap for the given dates so every cap reads in days.
 */
function chromiumMaxValidity(notBefore: number, publiclyTrusted: boolean, notAfter: number): number | null {
  if (!publiclyTrusted) return null;
  if (notBefore >= utc(2020, 9, 1)) return 398;
  if (notBefore >= utc(2018, 3, 1)) return 825;
  const capMonths = notBefore >= utc(2015, 4, 1) ? 39 : notBefore >= utc(2012, 7, 1) ? 60 : 120;
  // over the cap in months: report the days it holds against the days the cap would allow
  if (monthsBetween(notBefore, notAfter) <= capMonths) return null;
  const capped = new Date(notBefore);
  capped.setUTCMonth(capped.getUTCMonth() + capMonths);
  return Math.floor((capped.getTime() - notBefore) / DAY_MS);
}

/**
 * Apple: "Requirements for trusted certificates in iOS 13 and macOS 10.15"
 * (https://support.apple.com/en-us/103769, formerly HT210176) — TLS server certificates issued on or
 * after 2019-07-01 must have a validity period of 825 days or fewer (every certificate, user-added
 * roots included). "About upcoming limits on trusted certificates"
 * (https://support.apple.com/en-us/102028, formerly HT211025) — issued on or after 2020-09-01,
 * no more than 398 days, for certificates from the preinstalled roots only.
 */
function appleMaxValidity(notBefore: number, publiclyTrusted: boolean): number | null {
  if (publiclyTrusted && notBefore >= utc(2020, 9, 1)) return 398;
  if (notBefore >= utc(2019, 7, 1)) return 825;
  return null;
}

/**
 * Chromium (Android's Cronet and desktop alike):
 * - key: RSA / DSA under 1024 bits is ERR_CERT_WEAK_KEY (cert_verify_proc.cc `IsWeakKey`; the
 *   builtin verifier's SimplePathBuilderDelegate minimum of 1024 bits); EC keys on P-256, P-384 or
 *   P-521 only (SimplePathBuilderDelegate::IsPublicKeyAcceptable).
 * - EKU: the path builder asks for serverAuth; a certificate whose EKU lacks both serverAuth and
 *   anyExtendedKeyUsage fails, intermediates included (RFC 5280 §4.2.1.12 as Chromium's
 *   pki/verify_certificate_chain.cc applies it) — ERR_CERT_INVALID.
 */
const CHROMIUM: Omit<Profile, 'aia'> = {
  minRsaBits: 1024,
  // SimplePathBuilderDelegate::IsPublicKeyAcceptable: P-256, P-384 and P-521 only
  ecBits: [256, 384, 521],
  anyEku: true,
  ekuOnIntermediates: true,
  ekuRequiredFrom: null,
  maxValidityDays: chromiumMaxValidity,
};

/**
 * Apple, HT210176 (iOS 13 / macOS 10.15), for every TLS server certificate: RSA keys of the server
 * certificate and the issuing CAs ≥ 2048 bits; signatures from the SHA-2 family; the DNS name in the
 * subjectAltName (the CN is not trusted); and, for certificates issued on or after 2019-07-01, an
 * ExtendedKeyUsage extension containing id-kp-serverAuth and the 825-day cap.
 */
const APPLE: Profile = {
  aia: true,
  minRsaBits: 2048,
  ecBits: null,
  anyEku: false,
  ekuOnIntermediates: false,
  ekuRequiredFrom: utc(2019, 7, 1),
  maxValidityDays: appleMaxValidity,
};

const PROFILES: Record<CertPlatform, Profile> = {
  android: { ...CHROMIUM, aia: false },
  ios: APPLE,
  desktop: { ...CHROMIUM, aia: true },
};

/** A rule broken: on which certificate of the path (0 = leaf; null = the chain), the value, the limit. */
export type PlatformFinding = {
  check: CertCheck;
  cert: number | null;
  /** the JSON Pointer of the part cited */
  pointer: string;
  value: string;
  limit: string | null;
  platforms: CertPlatform[];
};

export type PlatformJudgement = {
  findings: PlatformFinding[];
  /** Node's verification and hostname check (the probe's own) both passed */
  nodeAccepts: boolean;
};

/** One certificate of the path judged, with where the observation holds it. */
type PathCert = { info: CertInfo; pointer: string };

type Chain = {
  anchored: 'sent-chain' | 'aia' | null;
  publiclyTrusted: boolean;
  path: PathCert[];
  /** why no anchor, as recorded */
  why: string;
};

const isRsaLike = (keyType: string) => /^(rsa|rsa-pss|dsa)$/i.test(keyType);

/** The path the profiles judge: the probe's own chain building, or (older observations) the sent chain. */
function chainOf(doc: ProbeObservation, cert: ProbeCertificate): Chain {
  const trust = cert.trust;
  if (trust) {
    const path = trust.path.flatMap((link): PathCert[] => {
      const info = link.from === 'sent' ? cert.chain[link.index] : trust.fetched[link.index];
      const part = link.from === 'sent' ? 'chain' : 'trust/fetched';
      return info ? [{ info, pointer: `/probe/certificate/${part}/${link.index}` }] : [];
    });
    return {
      anchored: trust.anchored,
      publiclyTrusted: trust.anchor?.source === 'bundled',
      path: path.length > 0 ? path : sentPath(cert).slice(0, 1),
      why: trust.error?.code ?? trust.error?.message ?? '',
    };
  }
  // Before `trust` was recorded: Node's verification and the AIA re-verification stand in.
  const code = cert.verify.error?.code ?? '';
  const notAnchored = !cert.verify.ok && NOT_ANCHORED_CODES.includes(code);
  const anchored = !notAnchored ? 'sent-chain' : cert.aia?.verify?.ok ? 'aia' : null;
  return {
    anchored,
    publiclyTrusted: anchored !== null && doc.options.caCount === 0,
    path: sentPath(cert),
    why: code,
  };
}

/** The sent chain without a self-signed root at its end (the anchor's own signature is not judged). */
function sentPath(cert: ProbeCertificate): PathCert[] {
  return cert.chain
    .map((info, i) => ({ info, pointer: `/probe/certificate/chain/${i}` }))
    .filter(({ info }, i) => !(i > 0 && info.selfSigned && info.isCA));
}

/** `DNS:a.example` / `IP Address:1.2.3.4` → the bare names of one kind. */
function sanValues(info: CertInfo, kind: 'DNS' | 'IP'): string[] {
  const prefix = kind === 'DNS' ? /^DNS:/i : /^IP Address:/i;
  return info.sans.filter((s) => prefix.test(s)).map((s) => s.replace(prefix, '').trim());
}

function ipBytes(text: string): number[] | null {
  return ipv4ToBytes(text) ?? ipv6ToBytes(text);
}

const lower = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * Whether a dNSName SAN covers the host as Chromium and Apple match it: case-insensitive, a wildcard
 * only as the whole leftmost label standing for exactly one label (no partial `f*.example.com`, which
 * Node still accepts; CA/B Forum BR §1.6.1 "Wildcard Domain Name").
 */
function dnsSanMatches(san: string, host: string): boolean {
  const pattern = lower(san);
  if (!pattern.startsWith('*.')) return pattern === host;
  const rest = pattern.slice(2);
  if (rest.includes('*') || !rest.includes('.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === rest;
}

function coversHost(info: CertInfo, host: string): boolean {
  const target = ipBytes(host);
  if (target) return sanValues(info, 'IP').some((ip) => ipBytes(ip)?.join('.') === target.join('.'));
  return sanValues(info, 'DNS').some((san) => dnsSanMatches(san, lower(host)));
}

/** RFC 5280 §4.2.1.10: a dNSName constraint covers the name itself and every name below it. */
function withinDns(name: string, constraint: string): boolean {
  const base = lower(constraint).replace(/^\./, '');
  if (base === '') return true;
  const n = lower(name).replace(/^\*\./, '');
  return constraint.startsWith('.') ? n.endsWith(`.${base}`) : n === base || n.endsWith(`.${base}`);
}

/** An iPAddress constraint `IP:addr/prefix` covers the addresses of its range (same family only). */
function withinIp(address: string, constraint: string): boolean {
  const [net = '', prefixText = ''] = constraint.split('/');
  const a = ipBytes(address);
  const n = ipBytes(net);
  const prefix = Number(prefixText);
  if (!a || !n || a.length !== n.length || !Number.isInteger(prefix)) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((a[bit >> 3] ?? 0) & mask) !== ((n[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

/** The first leaf name a CA's name constraints forbid, with the constraint, or null. */
function constraintViolation(leaf: CertInfo, ca: CertInfo): { name: string; constraint: string } | null {
  const nc = ca.nameConstraints;
  if (!nc) return null;
  const names = [
    ...sanValues(leaf, 'DNS').map((v) => ({ kind: 'DNS', v, within: withinDns })),
    ...sanValues(leaf, 'IP').map((v) => ({ kind: 'IP', v, within: withinIp })),
  ];
  for (const { kind, v, within } of names) {
    const of = (list: string[]) =>
      list.filter((c) => c.startsWith(`${kind}:`)).map((c) => c.slice(kind.length + 1));
    const excluded = of(nc.excluded).find((c) => within(v, c));
    if (excluded !== undefined) return { name: `${kind}:${v}`, constraint: `excluded ${kind}:${excluded}` };
    const permitted = of(nc.permitted);
    if (permitted.length > 0 && !permitted.some((c) => within(v, c)))
      return {
        name: `${kind}:${v}`,
        constraint: `permitted ${permitted.map((c) => `${kind}:${c}`).join(' ')}`,
      };
  }
  return null;
}

function ms(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function rejecting(test: (profile: Profile) => boolean): CertPlatform[] {
  return CERT_PLATFORMS.filter((platform) => test(PROFILES[platform]));
}

/** The EKU rule for one certificate under one profile: whether it refuses. */
function ekuRefuses(profile: Profile, info: CertInfo, leaf: boolean): boolean {
  const eku = info.eku;
  if (eku === undefined) return false; // not recorded (older observation)
  if (eku === null) {
    const notBefore = ms(info.notBefore) ?? 0;
    return leaf && profile.ekuRequiredFrom !== null && notBefore >= profile.ekuRequiredFrom;
  }
  if (!leaf && !profile.ekuOnIntermediates) return false;
  return !eku.includes(SERVER_AUTH) && !(profile.anyEku && eku.includes(ANY_EKU));
}

/**
 * Judges the recorded certificate under every profile; `host` is the URL's (ASCII) host, null when
 * unknown (the name is then not judged).
 */
export function judgeCertificate(doc: ProbeObservation, host: string | null): PlatformJudgement | null {
  const cert = doc.certificate;
  const leaf = cert?.chain[0];
  if (!cert || !leaf) return null;
  const chain = chainOf(doc, cert);
  const startedAt = ms(doc.startedAt);
  const findings: PlatformFinding[] = [];
  const add = (f: Omit<PlatformFinding, 'platforms'>, platforms: CertPlatform[]) => {
    if (platforms.length > 0) findings.push({ ...f, platforms });
  };
  const all = [...CERT_PLATFORMS];

  // Chain building: a trust-store root must be reached; a self-signed leaf never counts as one.
  if (chain.anchored === null || leaf.selfSigned)
    add(
      {
        check: 'anchor',
        cert: null,
        pointer: '/probe/certificate',
        value: leaf.selfSigned ? leaf.subject : chain.why,
        limit: null,
      },
      all,
    );
  else if (chain.anchored === 'aia')
    add(
      {
        check: 'chain',
        cert: null,
        pointer: cert.trust
          ? '/probe/certificate/trust'
          : cert.aia
            ? '/probe/certificate/aia'
            : '/probe/certificate',
        value: cert.trust?.fetches[0]?.url ?? cert.aia?.url ?? '',
        limit: null,
      },
      rejecting((p) => !p.aia),
    );

  // The platforms' further rules (EKU, validity caps, name constraints) are judged on chains that
  // reach an anchor: a chain no platform trusts is refused for that first.
  const trusted = chain.anchored !== null && !leaf.selfSigned;
  chain.path.forEach(({ info, pointer }, i) => {
    const at = { cert: i, pointer };
    // Every verifier refuses a certificate outside its dates (RFC 5280 §6.1.3 (a)(2)).
    const notAfter = ms(info.notAfter);
    const notBefore = ms(info.notBefore);
    if (startedAt !== null && notAfter !== null && notAfter < startedAt)
      add({ ...at, check: 'dates', value: info.notAfter, limit: 'notAfter' }, all);
    else if (startedAt !== null && notBefore !== null && notBefore > startedAt)
      add({ ...at, check: 'dates', value: info.notBefore, limit: 'notBefore' }, all);

    if (isRsaLike(info.keyType) && info.keyBits !== null) {
      const bits = info.keyBits;
      const refusing = rejecting((p) => bits < p.minRsaBits);
      const limit = Math.max(...refusing.map((p) => PROFILES[p].minRsaBits));
      add(
        { ...at, check: 'key', value: `${info.keyType.toUpperCase()} ${bits}`, limit: `≥ ${limit}` },
        refusing,
      );
    }
    if (info.keyType.toLowerCase() === 'ec' && info.keyBits !== null) {
      const bits = info.keyBits;
      add(
        { ...at, check: 'key', value: `EC ${bits}`, limit: 'P-256 / P-384 / P-521' },
        rejecting((p) => p.ecBits !== null && !p.ecBits.includes(bits)),
      );
    }
    // SHA-1 and older: Chromium since 57 (security.googleblog.com 2016-11 "SHA-1 Certificates in
    // Chrome"; local anchors too since the EnableSha1ForLocalAnchors policy went in Chrome 92),
    // Apple HT210176 (SHA-2 family required). The anchor's own self-signature is never judged.
    if (/sha1|md5|md2|md4/i.test(info.signatureAlgorithm))
      add({ ...at, check: 'signature', value: info.signatureAlgorithm, limit: null }, all);

    if (!trusted) return;
    add(
      { ...at, check: 'eku', value: info.eku === null ? '' : (info.eku ?? []).join(' '), limit: SERVER_AUTH },
      rejecting((p) => ekuRefuses(p, info, i === 0)),
    );
    if (i > 0) {
      const violation = constraintViolation(leaf, info);
      if (violation)
        add({ ...at, check: 'name-constraints', value: violation.name, limit: violation.constraint }, all);
    }
  });

  // Names: Chromium 58 dropped the commonName fallback ("Deprecations and removals in Chrome 58",
  // developer.chrome.com/blog/chrome-58-deprecations), Apple with iOS 13 (HT210176); Node's
  // checkServerIdentity still falls back to the CN when the certificate has no subjectAltName.
  const leafAt = { cert: 0, pointer: '/probe/certificate/chain/0' };
  if (sanValues(leaf, 'DNS').length === 0 && sanValues(leaf, 'IP').length === 0)
    add({ ...leafAt, check: 'san', value: leaf.subject, limit: null }, all);
  else if (host !== null && !coversHost(leaf, host))
    add({ ...leafAt, check: 'name', value: leaf.sans.slice(0, 8).join(', '), limit: host }, all);

  const notBefore = ms(leaf.notBefore);
  const notAfter = ms(leaf.notAfter);
  if (trusted && notBefore !== null && notAfter !== null) {
    const days = Math.floor((notAfter - notBefore) / DAY_MS);
    const caps = CERT_PLATFORMS.map((p) =>
      PROFILES[p].maxValidityDays(notBefore, chain.publiclyTrusted, notAfter),
    );
    const refusing = CERT_PLATFORMS.filter((_, i) => {
      const cap = caps[i];
      return cap !== null && cap !== undefined && (notAfter - notBefore) / DAY_MS > cap;
    });
    const limit = Math.min(...refusing.map((p) => caps[CERT_PLATFORMS.indexOf(p)] ?? Infinity));
    add({ ...leafAt, check: 'validity', value: String(days), limit: String(limit) }, refusing);
  }
  return { findings, nodeAccepts: cert.verify.ok && cert.hostname.ok };
}

/** The platforms that refuse on any of `checks`, and those that accept on all of them. */
export function platformSplit(
  judgement: PlatformJudgement,
  checks: readonly CertCheck[],
): { reject: CertPlatform[]; accept: CertPlatform[]; findings: PlatformFinding[] } {
  const findings = judgement.findings.filter((f) => checks.includes(f.check));
  const reject = CERT_PLATFORMS.filter((p) => findings.some((f) => f.platforms.includes(p)));
  return { reject, accept: CERT_PLATFORMS.filter((p) => !reject.includes(p)), findings };
}
