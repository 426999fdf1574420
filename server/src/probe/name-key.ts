/**
 * A coarse key of an X.509 Name, read from the DER, so the trust store can find the few roots a
 * lookup could match without parsing all ~140 of them (OpenSSL 3.0 under Node 20 takes ~0.3 ms per
 * certificate: ~40 ms per probe). The key is deliberately coarser than every name comparison the
 * store makes, so filtering by it never loses a match: of each attribute value only its ASCII letters
 * (lowercased) and digits are kept, and the values are sorted. OpenSSL's
 * `X509_NAME_cmp` (what `checkIssued` uses) compares canonical forms — values as UTF-8 with ASCII
 * case and runs of ASCII whitespace folded, multi-valued RDNs sorted — and Node's subject strings
 * compare printed values; names equal under either have equal keys. A value of another type, or a
 * name that does not parse, has no key (null): the caller then treats it as matching anything.
 */
import { childrenOf, readTlv, type Tlv } from './der';

/** Bytes per character of the string types whose ASCII characters the key reads; others have no key. */
const CODE_UNIT: Record<number, number> = {
  0x0c: 1, // UTF8String: an ASCII byte is always an ASCII character
  0x12: 1, // NumericString
  0x13: 1, // PrintableString
  0x14: 1, // T61String (OpenSSL reads it as Latin-1)
  0x16: 1, // IA5String
  0x1a: 1, // VisibleString
  0x1e: 2, // BMPString (UTF-16BE)
  0x1c: 4, // UniversalString (UTF-32BE)
};

/** The value's ASCII letters (lowercased) and digits, read straight from its code units. */
function asciiAlnum(der: Buffer, value: Tlv, unit: number): string {
  let text = '';
  for (let at = value.start; at + unit <= value.end; at += unit) {
    let high = 0;
    for (let i = 0; i < unit - 1; i++) high |= der[at + i] as number;
    if (high !== 0) continue;
    let c = der[at + unit - 1] as number;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) text += String.fromCharCode(c);
  }
  return text;
}

/** The key of the Name whose TLV is `name` in `der`, or null when it is not a readable Name. */
function keyOfName(der: Buffer, name: Tlv): string | null {
  if (name.tag !== 0x30) return null;
  const values: string[] = [];
  for (const rdn of childrenOf(der, name)) {
    if (rdn.tag !== 0x31) return null;
    for (const attribute of childrenOf(der, rdn)) {
      const value = childrenOf(der, attribute)[1];
      const unit = value && CODE_UNIT[value.tag];
      if (!value || !unit || (value.end - value.start) % unit !== 0) return null;
      values.push(asciiAlnum(der, value, unit));
    }
  }
  return values.sort().join('|');
}

/**
 * The key of a certificate's issuer or subject. TBSCertificate ::= SEQUENCE { [0] version
 * OPTIONAL, serialNumber, signature, issuer, validity, subject, … } (RFC 5280 §4.1).
 */
export function nameKeyOf(der: Buffer, which: 'issuer' | 'subject'): string | null {
  const certificate = readTlv(der, 0);
  const tbs = certificate && readTlv(der, certificate.start);
  if (!tbs) return null;
  let field = readTlv(der, tbs.start);
  // skip the version, then serialNumber and signature (and the issuer and validity for the subject)
  let skip = (field?.tag === 0xa0 ? 1 : 0) + (which === 'issuer' ? 2 : 4);
  while (field && skip-- > 0) field = field.end < tbs.end ? readTlv(der, field.end) : null;
  return field ? keyOfName(der, field) : null;
}
