/**
 * The one parser of each probe-option spelling. Every parser has one behaviour: it returns
 * `{ ok: true, value }` or `{ ok: false, problem }`, never throws, never prints. A problem is a code
 * plus a predicate in Chinese and English ("must be a whole number, not \"ten\""), so each caller
 * puts its own subject in front — `--attempts`, `WXPROBE_ATTEMPTS`, `/body/options/attempts` — and
 * decides what a refusal means there (exit 2, a stopped server, a 400).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { PORT_RANGE, type IntegerRange, type ResolveOverride } from './options';

export const OPTION_PROBLEM_CODES = [
  'not-integer',
  'out-of-range',
  'not-boolean',
  'not-cidr',
  'not-dns-server',
  'not-host-name',
  'not-http-method',
  'not-header',
  'not-resolve',
  'not-ca-file',
] as const;
export type OptionProblemCode = (typeof OPTION_PROBLEM_CODES)[number];

/** Why a value was refused: `zh`/`en` are predicates ("must be …, not …") for a subject to precede. */
export type OptionProblem = { code: OptionProblemCode; zh: string; en: string };

export type OptionResult<T> = { ok: true; value: T } | { ok: false; problem: OptionProblem };

const ok = <T>(value: T): OptionResult<T> => ({ ok: true, value });
const refused = <T>(code: OptionProblemCode, zh: string, en: string): OptionResult<T> => ({
  ok: false,
  problem: { code, zh, en },
});

/** The refused value as the message shows it: text quoted, numbers bare, never a whole essay. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function inRange(value: number, range: IntegerRange): OptionResult<number> {
  if (value >= range.min && value <= range.max) return ok(value);
  return refused(
    'out-of-range',
    `必须在 ${range.min} 到 ${range.max} 之间，不能是 ${shown(value)}`,
    `must be between ${range.min} and ${range.max}, not ${shown(value)}`,
  );
}

function notInteger(value: unknown): OptionResult<number> {
  return refused(
    'not-integer',
    `必须是整数，不能是 ${shown(value)}`,
    `must be a whole number, not ${shown(value)}`,
  );
}

/** Decimal digits (surrounding spaces ignored), then the range: "10", " 10 ". Not "1e3", "-1", "0x10", "2.5". */
export function parseInteger(text: string, range: IntegerRange): OptionResult<number> {
  if (!/^\d+$/.test(text.trim())) return notInteger(text);
  return inRange(Number(text.trim()), range);
}

/** The same check for a JSON value (the API body): a number that is whole, then the range. */
export function checkInteger(value: unknown, range: IntegerRange): OptionResult<number> {
  if (typeof value !== 'number' || !Number.isInteger(value)) return notInteger(value);
  return inRange(value, range);
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off', ''];

/** 1/0, true/false, yes/no, on/off in any case; empty is false (an unset-looking variable). */
export function parseBoolean(text: string): OptionResult<boolean> {
  const value = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(value)) return ok(true);
  if (FALSE_WORDS.includes(value)) return ok(false);
  return refused(
    'not-boolean',
    `必须是 true 或 false（1/0、yes/no），不能是 ${shown(text)}`,
    `must be true or false (1/0, yes/no), not ${shown(text)}`,
  );
}

export type Cidr = { network: string; prefix: number; family: 4 | 6 };

/** `addr/prefix`; a bare address is a single host (/32 or /128). */
export function parseCidr(text: string): OptionResult<Cidr> {
  const [network = '', prefixText, extra] = text.trim().split('/');
  const family = isIP(network);
  if (extra === undefined && (family === 4 || family === 6)) {
    const max = family === 4 ? 32 : 128;
    if (prefixText === undefined) return ok({ network, prefix: max, family });
    if (/^\d+$/.test(prefixText) && Number(prefixText) <= max) {
      return ok({ network, prefix: Number(prefixText), family });
    }
  }
  return refused(
    'not-cidr',
    `必须是 127.0.0.0/8、::1/128 这样的网段（前缀 IPv4 0–32、IPv6 0–128），不能是 ${shown(text)}`,
    `must be a CIDR like 127.0.0.0/8 or ::1/128 (prefix 0–32 for IPv4, 0–128 for IPv6), not ${shown(text)}`,
  );
}

/** The canonical spelling the server keeps: always with its prefix. */
export const formatCidr = (cidr: Cidr): string => `${cidr.network}/${cidr.prefix}`;

const portOk = (text: string | undefined) =>
  text === undefined ||
  (/^\d+$/.test(text) && Number(text) >= PORT_RANGE.min && Number(text) <= PORT_RANGE.max);

/**
 * `addr`, `addr:port` or `[v6addr]:port`, as the probe's resolver takes it: 1.1.1.1, 127.0.0.1:5353,
 * ::1, [::1], [::1]:53. Brackets hold IPv6 only; the port is 1 to 65535. The value is kept as written.
 */
export function parseDnsServer(text: string): OptionResult<string> {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(value);
  const v4 = /^([^:[\]]+)(?::([^:]*))?$/.exec(value);
  const valid = bracketed
    ? isIP(bracketed[1] ?? '') === 6 && portOk(bracketed[2])
    : v4
      ? isIP(v4[1] ?? '') === 4 && portOk(v4[2])
      : isIP(value) === 6;
  if (valid) return ok(value);
  return refused(
    'not-dns-server',
    `必须是 IP 地址，可带 1–65535 的端口（1.1.1.1、127.0.0.1:5353、[::1]:53），不能是 ${shown(text)}`,
    `must be an IP address with an optional port 1–65535 (1.1.1.1, 127.0.0.1:5353, [::1]:53), not ${shown(text)}`,
  );
}

/**
 * A DNS host name (letters, digits, hyphens; labels of 1–63, 253 in all; no trailing dot), not an
 * IPv4 literal: SNI carries names only. The JSON schema uses the same pattern (Ajv reads it with `u`).
 */
export const HOST_NAME_PATTERN =
  '^(?![0-9.]+$)(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';
const HOST_NAME = new RegExp(HOST_NAME_PATTERN, 'u');

/** A host name, lowercased (names are case-insensitive; the probe sends what it is given). */
export function parseHostName(text: string): OptionResult<string> {
  const value = text.trim();
  if (HOST_NAME.test(value)) return ok(value.toLowerCase());
  return refused(
    'not-host-name',
    `必须是域名，不能是 ${shown(text)}`,
    `must be a host name, not ${shown(text)}`,
  );
}

/** The same check for a JSON value (the API body). */
export function checkHostName(value: unknown): OptionResult<string> {
  if (typeof value !== 'string') {
    return refused(
      'not-host-name',
      `必须是域名，不能是 ${shown(value)}`,
      `must be a host name, not ${shown(value)}`,
    );
  }
  return parseHostName(value);
}

/** An HTTP method token of letters, uppercased: get → GET. */
export function parseHttpMethod(text: string): OptionResult<string> {
  if (/^[A-Za-z]+$/.test(text)) return ok(text.toUpperCase());
  return refused(
    'not-http-method',
    `必须是 GET 这样的 HTTP 方法，不能是 ${shown(text)}`,
    `must be an HTTP method like GET, not ${shown(text)}`,
  );
}

/** "Name: value" (the value may hold colons; spaces around both are dropped). */
export function parseHeader(text: string): OptionResult<[string, string]> {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return ok([name, text.slice(colon + 1).trim()]);
  return refused(
    'not-header',
    `的格式是 "名: 值"，不能是 ${shown(text)}`,
    `must look like "Name: value", not ${shown(text)}`,
  );
}

/** curl style host:port:addr[,addr…]; port may be *; IPv6 addresses in brackets (or bare). */
export function parseResolve(text: string): OptionResult<ResolveOverride[]> {
  const match = /^([^:]+):(\d+|\*):(.+)$/.exec(text.trim());
  const bad = refused<ResolveOverride[]>(
    'not-resolve',
    `的格式是 host:port:address[,address…]（端口 1–65535 或 *，地址是 IP），不能是 ${shown(text)}`,
    `must look like host:port:address[,address…] (port 1–65535 or *, addresses are IPs), not ${shown(text)}`,
  );
  if (!match) return bad;
  const [, host = '', portText = '', addresses = ''] = match;
  if (portText !== '*' && !portOk(portText)) return bad;
  const port = portText === '*' ? '*' : Number(portText);
  const overrides: ResolveOverride[] = [];
  for (const raw of addresses.split(',')) {
    const address = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (isIP(address) === 0) return bad;
    overrides.push({ host: host.toLowerCase(), port, address });
  }
  return ok(overrides);
}

/** A PEM file of trusted roots: read, every certificate in it readable; the PEM blocks, joined. */
export function readCaFile(path: string): OptionResult<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(
      'not-ca-file',
      `必须是可读的 PEM 文件：无法读取 ${path}：${code === 'ENOENT' ? '文件不存在' : (code ?? String(error))}`,
      `must be a readable PEM file: cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`,
    );
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return refused(
      'not-ca-file',
      `必须是 PEM 证书文件：${path} 里没有 PEM 证书`,
      `must be a PEM file: ${path} holds no PEM certificate`,
    );
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return refused(
        'not-ca-file',
        `必须是 PEM 证书文件：${path} 里有无法读取的证书：${(error as Error).message}`,
        `must be a PEM file: ${path} holds an unreadable certificate: ${(error as Error).message}`,
      );
    }
  }
  return ok(blocks.join('\n'));
}
