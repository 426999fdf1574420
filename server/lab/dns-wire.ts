/**
 * Just enough of the DNS wire format (RFC 1035) for an authoritative loopback server: read one
 * question, write an answer with A and CNAME records. Malformed queries parse to null.
 */
import { ipv6ToBytes } from '../../shared/url/ip-bytes';

export const RR_TYPES = { A: 1, CNAME: 5, AAAA: 28 } as const;
export const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export type Rcode = (typeof RCODES)[keyof typeof RCODES];

const CLASS_IN = 1;
const FLAG_QR = 0x8000;
const FLAG_AA = 0x0400;
const FLAG_RD = 0x0100;
const OPCODE_MASK = 0x7800;

export type DnsQuestion = { name: string; type: number; class: number };
export type DnsQuery = { id: number; recursionDesired: boolean; opcode: number; question: DnsQuestion };

export type DnsRecord =
  | { name: string; type: 'A'; ttl: number; address: string }
  | { name: string; type: 'AAAA'; ttl: number; address: string }
  | { name: string; type: 'CNAME'; ttl: number; target: string };

function readName(buf: Buffer, start: number): { name: string; end: number } | null {
  const labels: string[] = [];
  let pos = start;
  for (;;) {
    if (pos >= buf.length) return null;
    const length = buf[pos] ?? 0;
    // Queries carry no compression pointers; refuse them rather than follow loops.
    if (length & 0xc0) return null;
    pos += 1;
    if (length === 0) break;
    if (pos + length > buf.length) return null;
    labels.push(buf.toString('latin1', pos, pos + length));
    pos += length;
  }
  return { name: labels.join('.'), end: pos };
}

export function parseQuery(buf: Buffer): DnsQuery | null {
  if (buf.length < 12) return null;
  const flags = buf.readUInt16BE(2);
  if (flags & FLAG_QR) return null;
  if (buf.readUInt16BE(4) !== 1) return null;
  const read = readName(buf, 12);
  if (!read || read.end + 4 > buf.length) return null;
  return {
    id: buf.readUInt16BE(0),
    recursionDesired: (flags & FLAG_RD) !== 0,
    opcode: (flags & OPCODE_MASK) >> 11,
    question: { name: read.name, type: buf.readUInt16BE(read.end), class: buf.readUInt16BE(read.end + 2) },
  };
}

function encodeName(name: string): Buffer {
  const parts = name
    .split('.')
    .filter((label) => label.length > 0)
    .map((label) => {
      const bytes = Buffer.from(label, 'latin1');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function encodeRecord(record: DnsRecord): Buffer {
  const data =
    record.type === 'A'
      ? Buffer.from(record.address.split('.').map((octet) => Number(octet)))
      : record.type === 'AAAA'
        ? Buffer.from(ipv6ToBytes(record.address) ?? [])
        : encodeName(record.target);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(RR_TYPES[record.type], 0);
  fixed.writeUInt16BE(CLASS_IN, 2);
  fixed.writeUInt32BE(record.ttl, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(record.name), fixed, data]);
}

export function encodeResponse(query: DnsQuery, rcode: Rcode, answers: readonly DnsRecord[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  const flags = FLAG_QR | FLAG_AA | (query.opcode << 11) | (query.recursionDesired ? FLAG_RD : 0) | rcode;
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const question = Buffer.alloc(4);
  question.writeUInt16BE(query.question.type, 0);
  question.writeUInt16BE(query.question.class, 2);
  return Buffer.concat([header, encodeName(query.question.name), question, ...answers.map(encodeRecord)]);
}
