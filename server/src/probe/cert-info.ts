/**
 * Certificate fields as recorded in `wxprobe.probe/1` (CertInfo), read with crypto.X509Certificate.
 * Node 20 exposes neither the signature algorithm nor the extended key usage or name constraints in
 * a usable form, so those are read from the DER directly (der.ts). Raw facts only: which client
 * accepts them is shared/diagnose/platform-profiles.ts's business.
 */
import { X509Certificate } from 'node:crypto';
import type { CertInfo } from '../../../shared/observations/probe';
import { bytesToIpv4, bytesToIpv6 } from '../../../shared/url/ip-bytes';
import { childrenOf, extensionsOf, oidAt, readTlv, type Tlv } from './der';
import { issued } from './trust-store';

/** OpenSSL's names for the signature algorithms certificates actually use. */
const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.2.156.10197.1.501': 'SM2-with-SM3',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  SM2: 256,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature } */
export function signatureAlgorithmOf(der: Buffer): string {
  const certificate = readTlv(der, 0);
  const tbs = certificate && readTlv(der, certificate.start);
  const algorithm = tbs && readTlv(der, tbs.end);
  const dotted = algorithm ? oidAt(der, readTlv(der, algorithm.start) ?? undefined) : null;
  if (!dotted) return 'unknown';
  return SIGNATURE_OIDS[dotted] ?? dotted;
}

const EXTENDED_KEY_USAGE_OID = '2.5.29.37';
const NAME_CONSTRAINTS_OID = '2.5.29.30';

/** ExtKeyUsageSyntax ::= SEQUENCE OF KeyPurposeId (OIDs, kept dotted); null without the extension. */
function extendedKeyUsageOf(extensions: Map<string, Buffer>): string[] | null {
  const value = extensions.get(EXTENDED_KEY_USAGE_OID);
  const list = value && readTlv(value, 0);
  if (!value || !list) return null;
  return childrenOf(value, list)
    .map((t) => oidAt(value, t))
    .filter((oid): oid is string => oid !== null);
}

/** Leading one bits of a netmask; null when the mask is not contiguous. */
function prefixLength(mask: Buffer): number | null {
  const bits = [...mask].map((b) => b.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') < 0 ? bits.length : bits.indexOf('0')) : null;
}

/**
 * A GeneralName of a name-constraint subtree, spelled as subjectAltName entries are: `DNS:…`,
 * `IP:addr/prefix`, `email:…`, `URI:…`; other forms by their kind only (`DirName`, `other`).
 */
function generalName(der: Buffer, tlv: Tlv): string {
  const bytes = der.subarray(tlv.start, tlv.end);
  switch (tlv.tag) {
    case 0x82:
      return `DNS:${bytes.toString('latin1')}`;
    case 0x81:
      return `email:${bytes.toString('latin1')}`;
    case 0x86:
      return `URI:${bytes.toString('latin1')}`;
    case 0x87: {
      const half = bytes.length / 2;
      if (half !== 4 && half !== 16) return 'IP:?';
      const address = half === 4 ? bytesToIpv4(bytes) : bytesToIpv6(bytes.subarray(0, 16));
      const prefix = prefixLength(bytes.subarray(half));
      return `IP:${address}/${prefix ?? bytes.subarray(half).toString('hex')}`;
    }
    case 0xa4:
      return 'DirName';
    default:
      return 'other';
  }
}

/**
 * NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 * excludedSubtrees [1] GeneralSubtrees OPTIONAL }; GeneralSubtree ::= SEQUENCE { base GeneralName, … }.
 */
function nameConstraintsOf(extensions: Map<string, Buffer>): CertInfo['nameConstraints'] {
  const value = extensions.get(NAME_CONSTRAINTS_OID);
  const outer = value && readTlv(value, 0);
  if (!value || !outer) return null;
  const constraints = { permitted: [] as string[], excluded: [] as string[] };
  for (const subtrees of childrenOf(value, outer)) {
    const into =
      subtrees.tag === 0xa0 ? constraints.permitted : subtrees.tag === 0xa1 ? constraints.excluded : null;
    for (const subtree of into ? childrenOf(value, subtrees) : []) {
      const base = childrenOf(value, subtree)[0];
      if (base) into?.push(generalName(value, base));
    }
  }
  return constraints;
}

/** "CN=a\nO=b" → "CN=a, O=b" */
export function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function keyFacts(cert: X509Certificate): { keyType: string; keyBits: number | null } {
  const key = cert.publicKey;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (details.modulusLength) return { keyType, keyBits: details.modulusLength };
  if (details.namedCurve) return { keyType, keyBits: CURVE_BITS[details.namedCurve] ?? null };
  if (keyType === 'ed25519' || keyType === 'x25519') return { keyType, keyBits: 256 };
  if (keyType === 'ed448' || keyType === 'x448') return { keyType, keyBits: 448 };
  return { keyType, keyBits: null };
}

/** "CA Issuers - URI:http://…" lines of the Authority Information Access extension. */
export function caIssuerUrls(cert: X509Certificate): string[] {
  return (cert.infoAccess ?? '')
    .split('\n')
    .map((line) => /^CA Issuers - URI:(.+)$/.exec(line.trim())?.[1])
    .filter((url): url is string => Boolean(url));
}

function sansOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function certInfo(der: Buffer): CertInfo {
  const cert = new X509Certificate(der);
  const extensions = extensionsOf(der);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sans: sansOf(cert),
    ...keyFacts(cert),
    signatureAlgorithm: signatureAlgorithmOf(der),
    selfSigned: issued(cert, cert),
    isCA: cert.ca,
    fingerprint256: cert.fingerprint256,
    aiaCaIssuers: caIssuerUrls(cert),
    eku: extendedKeyUsageOf(extensions),
    nameConstraints: nameConstraintsOf(extensions),
  };
}
