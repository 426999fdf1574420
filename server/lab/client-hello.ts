/**
 * Reads the SNI out of the first bytes a TLS client sends, the way a middlebox's DPI does: from
 * the first TLS record only. It never throws: malformed input is `not-client-hello`.
 */

export type ClientHelloInspection =
  /** The first record is not all here yet (the hello was split over TCP segments). */
  | { status: 'need-more'; recordLength: number }
  /** Not a TLS handshake record carrying a ClientHello (e.g. plain HTTP). */
  | { status: 'not-client-hello' }
  /** The ClientHello is longer than its first record (split over several TLS records). */
  | { status: 'fragmented-record' }
  /** A whole ClientHello; `sni` null when it names no host. */
  | { status: 'parsed'; sni: string | null; helloLength: number };

const RECORD_HEADER = 5;
const CONTENT_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const NAME_TYPE_HOST = 0x00;

/** A bounds-checked cursor: every read past the end returns null. */
class Cursor {
  constructor(
    private readonly buf: Buffer,
    private pos: number,
    private readonly end: number,
  ) {}
  get remaining(): number {
    return this.end - this.pos;
  }
  u8(): number | null {
    if (this.remaining < 1) return null;
    return this.buf.readUInt8(this.pos++);
  }
  u16(): number | null {
    if (this.remaining < 2) return null;
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u24(): number | null {
    if (this.remaining < 3) return null;
    const v = this.buf.readUIntBE(this.pos, 3);
    this.pos += 3;
    return v;
  }
  take(n: number): Cursor | null {
    if (n < 0 || this.remaining < n) return null;
    const sub = new Cursor(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return sub;
  }
  bytes(n: number): Buffer | null {
    if (n < 0 || this.remaining < n) return null;
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(n: number): boolean {
    return this.take(n) !== null;
  }
}

export function inspectClientHello(data: Buffer): ClientHelloInspection {
  if (data.length < 1 || data[0] !== CONTENT_HANDSHAKE) return { status: 'not-client-hello' };
  if (data.length < RECORD_HEADER) return { status: 'need-more', recordLength: -1 };
  const major = data[1];
  const recordLength = data.readUInt16BE(3);
  if (major !== 3 || recordLength === 0) return { status: 'not-client-hello' };
  if (data.length < RECORD_HEADER + recordLength) return { status: 'need-more', recordLength };

  const record = new Cursor(data, RECORD_HEADER, RECORD_HEADER + recordLength);
  if (record.u8() !== HANDSHAKE_CLIENT_HELLO) return { status: 'not-client-hello' };
  const helloLength = record.u24();
  if (helloLength === null) return { status: 'not-client-hello' };
  if (helloLength > record.remaining) return { status: 'fragmented-record' };
  const hello = record.take(helloLength);
  if (!hello) return { status: 'not-client-hello' };
  const sni = serverNameOf(hello);
  return sni === undefined ? { status: 'not-client-hello' } : { status: 'parsed', sni, helloLength };
}

/** The host_name in the server_name extension; null if none; undefined if malformed. */
function serverNameOf(hello: Cursor): string | null | undefined {
  if (!hello.skip(2 + 32)) return undefined; // legacy_version, random
  const sessionIdLength = hello.u8();
  if (sessionIdLength === null || !hello.skip(sessionIdLength)) return undefined;
  const ciphersLength = hello.u16();
  if (ciphersLength === null || !hello.skip(ciphersLength)) return undefined;
  const compressionLength = hello.u8();
  if (compressionLength === null || !hello.skip(compressionLength)) return undefined;
  if (hello.remaining === 0) return null; // no extensions at all
  const extensionsLength = hello.u16();
  if (extensionsLength === null) return undefined;
  const extensions = hello.take(extensionsLength);
  if (!extensions) return undefined;
  while (extensions.remaining > 0) {
    const type = extensions.u16();
    const length = extensions.u16();
    if (type === null || length === null) return undefined;
    const body = extensions.take(length);
    if (!body) return undefined;
    if (type !== EXT_SERVER_NAME) continue;
    const listLength = body.u16();
    if (listLength === null) return undefined;
    const list = body.take(listLength);
    if (!list) return undefined;
    while (list.remaining > 0) {
      const nameType = list.u8();
      const nameLength = list.u16();
      if (nameType === null || nameLength === null) return undefined;
      const name = list.bytes(nameLength);
      if (!name) return undefined;
      if (nameType === NAME_TYPE_HOST) return name.toString('latin1').toLowerCase();
    }
    return null;
  }
  return null;
}
