/**
 * Just enough DER (X.690) to read what node:crypto's X509Certificate does not expose on every Node
 * version: the outer signature algorithm, and the extensions by OID (EKU, name constraints).
 * Every reader returns null (or nothing) on malformed input rather than throwing.
 */

export type Tlv = { tag: number; start: number; end: number };

export function readTlv(der: Buffer, offset: number): Tlv | null {
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

/** The TLVs directly inside a constructed one. */
export function childrenOf(der: Buffer, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readTlv(der, offset);
    if (!child || child.end > parent.end) return children;
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function decodeOid(bytes: Buffer): string {
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

export function oidAt(der: Buffer, tlv: Tlv | undefined): string | null {
  return tlv && tlv.tag === 0x06 ? decodeOid(der.subarray(tlv.start, tlv.end)) : null;
}

const OCTET_STRING = 0x04;
/** tbsCertificate's `[3] EXPLICIT Extensions` */
const EXTENSIONS_TAG = 0xa3;

/**
 * The extnValue (the DER inside the OCTET STRING) of each extension of a certificate, by OID.
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { …, [3] Extensions }, … };
 * Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }.
 */
export function extensionsOf(der: Buffer): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const certificate = readTlv(der, 0);
  const tbs = certificate && readTlv(der, certificate.start);
  if (!tbs) return found;
  const wrapper = childrenOf(der, tbs).find((t) => t.tag === EXTENSIONS_TAG);
  const list = wrapper && readTlv(der, wrapper.start);
  if (!list) return found;
  for (const extension of childrenOf(der, list)) {
    const parts = childrenOf(der, extension);
    const oid = oidAt(der, parts[0]);
    const value = parts.find((p) => p.tag === OCTET_STRING);
    if (oid && value) found.set(oid, der.subarray(value.start, value.end));
  }
  return found;
}
