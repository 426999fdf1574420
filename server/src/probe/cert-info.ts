/**
 * Certificate fields as recorded in `wxprobe.probe/1` (CertInfo), read with crypto.X509Certificate.
 * Node 20 does not expose the signature algorithm, so that one OID is read from the DER directly.
 */
import { X509Certificate } from 'node:crypto';
import type { CertInfo } from '../../../shared/observations/probe';

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

type Tlv = { tag: number; start: number; end: number };

function readTlv(der: Buffer, offset: number): Tlv | null {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) return null;
  let start = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) return null;
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[start + i];
      if (lengthByte === undefined) return null;
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  return start + length <= der.length ? { tag, start, end: start + length } : null;
}

function decodeOid(bytes: Buffer): string {
  const first = bytes[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature } */
export function signatureAlgorithmOf(der: Buffer): string {
  const certificate = readTlv(der, 0);
  const tbs = certificate && readTlv(der, certificate.start);
  const algorithm = tbs && readTlv(der, tbs.end);
  const oid = algorithm && readTlv(der, algorithm.start);
  if (!oid || oid.tag !== 0x06) return 'unknown';
  const dotted = decodeOid(der.subarray(oid.start, oid.end));
  return SIGNATURE_OIDS[dotted] ?? dotted;
}

/** "CN=a\nO=b" → "CN=a, O=b" */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function isSelfSigned(cert: X509Certificate): boolean {
  if (!cert.checkIssued(cert)) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
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
function caIssuerUrls(cert: X509Certificate): string[] {
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
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sans: sansOf(cert),
    ...keyFacts(cert),
    signatureAlgorithm: signatureAlgorithmOf(der),
    selfSigned: isSelfSigned(cert),
    isCA: cert.ca,
    fingerprint256: cert.fingerprint256,
    aiaCaIssuers: caIssuerUrls(cert),
  };
}
