/**
 * Flags of `wxprobe probe <url>` → probe options. Pure parsing plus reading `--ca` files; every bad
 * input becomes one clear line (the CLI prints it and exits 2), never an exception.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { Lang } from '../../../shared/taxonomy/codes';
import type { ProbeOptions } from '../probe/probe';
import type { ResolveOverride } from '../probe/dns-lookup';
import { MAX_ATTEMPTS } from '../probe/limits';
import { parseCidr } from '../target-policy/policy';

export const PROBE_USAGE =
  'usage: wxprobe probe <https://host/path> [--raw | --json] [--lang zh|en] [--client-report <client.json>]\n' +
  '         [--dns-server <addr[:port]>] [--resolve <host:port:addr>]... [--ca <file.pem>]...\n' +
  '         [--allow-private] [--allow-cidr <cidr>]... [--attempts <n>] [--timeout <ms>] [--total-timeout <ms>]\n' +
  '         [--control-sni <name>] [--method <method>] [--header "Name: value"]... [--http-port <port>]';

export type ProbeFlags = {
  url: string;
  options: Partial<ProbeOptions>;
  raw: boolean;
  json: boolean;
  lang: Lang;
  clientReport?: string;
  help: boolean;
};

export type ParsedProbeFlags = ({ ok: true } & ProbeFlags) | { ok: false; error: string };

/** A bad flag, said in Chinese and English; the CLI prints the language asked for (`--lang`). */
class FlagError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** The language asked for, read before parsing (a parse error may come first): zh unless `--lang en`. */
export function requestedLang(argv: readonly string[]): Lang {
  const at = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (at >= 0 && argv[at + 1] === 'en') ? 'en' : 'zh';
}

const OPTIONS = {
  raw: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'zh' },
  'client-report': { type: 'string' },
  'dns-server': { type: 'string' },
  resolve: { type: 'string', multiple: true },
  ca: { type: 'string', multiple: true },
  'allow-private': { type: 'boolean', default: false },
  'allow-cidr': { type: 'string', multiple: true },
  attempts: { type: 'string' },
  timeout: { type: 'string' },
  'total-timeout': { type: 'string' },
  'control-sni': { type: 'string' },
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  'http-port': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()))
    throw new FlagError(
      `--${flag} 必须是整数，不能是 "${text}"`,
      `--${flag} must be a whole number, not "${text}"`,
    );
  const value = Number(text);
  if (value < min || value > max)
    throw new FlagError(
      `--${flag} 必须在 ${min} 到 ${max} 之间，不能是 ${value}`,
      `--${flag} must be between ${min} and ${max}, not ${value}`,
    );
  return value;
}

const port = (flag: string, text: string) => integer(flag, text, 1, 65535);

/** addr[:port] with IPv6 in brackets when a port follows: 127.0.0.1:5353, [::1]:53, ::1 */
export function parseDnsServer(text: string): string {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) {
    if (isIP(bracketed[1] ?? '') !== 6)
      throw new FlagError(
        `--dns-server：${bracketed[1]} 不是 IPv6 地址`,
        `--dns-server: ${bracketed[1]} is not an IPv6 address`,
      );
    if (bracketed[2] !== undefined) port('dns-server', bracketed[2]);
    return value;
  }
  if (isIP(value) === 6) return value;
  const [address = '', portText, extra] = value.split(':');
  if (extra !== undefined || isIP(address) !== 4) {
    throw new FlagError(
      `--dns-server 必须是 IP 地址，可带端口（1.2.3.4:53、[::1]:53），不能是 "${text}"`,
      `--dns-server must be an IP address with an optional port (1.2.3.4:53, [::1]:53), not "${text}"`,
    );
  }
  if (portText !== undefined) port('dns-server', portText);
  return value;
}

/** curl style host:port:addr[,addr…]; port may be *; IPv6 addresses in brackets. */
export function parseResolve(text: string): ResolveOverride[] {
  const match = /^([^:]+):(\d+|\*):(.+)$/.exec(text.trim());
  if (!match)
    throw new FlagError(
      `--resolve 的格式是 host:port:address（端口可写 *），不能是 "${text}"`,
      `--resolve must look like host:port:address (port may be *), not "${text}"`,
    );
  const [, host = '', portText = '', addresses = ''] = match;
  const portValue = portText === '*' ? '*' : port('resolve', portText);
  return addresses.split(',').map((raw) => {
    const address = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (isIP(address) === 0)
      throw new FlagError(`--resolve："${raw}" 不是 IP 地址`, `--resolve: "${raw}" is not an IP address`);
    return { host: host.toLowerCase(), port: portValue, address };
  });
}

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new FlagError(
      `--header 的格式是 "名: 值"，不能是 "${text}"`,
      `--header must look like "Name: value", not "${text}"`,
    );
  return [name, text.slice(colon + 1).trim()];
}

function readCaFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FlagError(
      `--ca：无法读取 ${path}：${code === 'ENOENT' ? '文件不存在' : (code ?? String(error))}`,
      `--ca: cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`,
    );
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    throw new FlagError(`--ca：${path} 里没有 PEM 证书`, `--ca: ${path} holds no PEM certificate`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new FlagError(
        `--ca：${path} 里有无法读取的证书：${(error as Error).message}`,
        `--ca: ${path} holds an unreadable certificate: ${(error as Error).message}`,
      );
    }
  }
  return blocks.join('\n');
}

function toFlags(argv: string[]): ProbeFlags {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    // node:util's messages run over several lines; the CLI promises one
    const message = (error as Error).message.split('\n').join(' ');
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    const code = (error as { code?: unknown }).code;
    const zh =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `未知选项 ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `选项 ${option} 的值不对`
          : message;
    throw new FlagError(`${zh}（${message}）`.replace(`${message}（${message}）`, message), message);
  }
  const { values, positionals } = parsed;
  const lang = values.lang;
  if (lang !== 'zh' && lang !== 'en')
    throw new FlagError(`--lang 只能是 zh 或 en，不能是 "${lang}"`, `--lang must be zh or en, not "${lang}"`);
  const base = { raw: values.raw, json: values.json, lang: lang as Lang, help: values.help };
  if (values.help) return { url: positionals[0] ?? '', options: {}, ...base };
  if (positionals.length !== 1) {
    throw new FlagError(
      positionals.length === 0 ? '请给出一个要探测的 URL' : `只能给一个 URL，不是 ${positionals.length} 个`,
      positionals.length === 0 ? 'give one URL to probe' : `give one URL, not ${positionals.length}`,
    );
  }
  if (values.raw && values.json)
    throw new FlagError('--raw 和 --json 只能选一个', '--raw and --json exclude each other');
  const url = positionals[0] as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new FlagError(
      `"${url}" 不是 URL：请写上协议，例如 https://${url}`,
      `"${url}" is not a URL: write it with its scheme, e.g. https://${url}`,
    );

  const options: Partial<ProbeOptions> = {};
  if (values['dns-server'] !== undefined) options.dnsServer = parseDnsServer(values['dns-server']);
  if (values.resolve) options.resolve = values.resolve.flatMap(parseResolve);
  if (values.ca) options.ca = values.ca.map(readCaFile);
  if (values['allow-private']) options.allowPrivate = true;
  if (values['allow-cidr']) {
    options.allowCidrs = values['allow-cidr'].map((cidr) => {
      if (!parseCidr(cidr))
        throw new FlagError(
          `--allow-cidr 必须是 127.0.0.0/8、::1/128 这样的网段，不能是 "${cidr}"`,
          `--allow-cidr must be a CIDR like 127.0.0.0/8 or ::1/128, not "${cidr}"`,
        );
      return cidr.trim();
    });
  }
  if (values.attempts !== undefined) options.attempts = integer('attempts', values.attempts, 1, MAX_ATTEMPTS);
  if (values.timeout !== undefined) options.timeoutMs = integer('timeout', values.timeout, 100, 600_000);
  if (values['total-timeout'] !== undefined) {
    options.totalTimeoutMs = integer('total-timeout', values['total-timeout'], 100, 3_600_000);
  }
  if (values['control-sni'] !== undefined) {
    const name = values['control-sni'].trim();
    if (!/^[a-z0-9.-]+$/i.test(name) || isIP(name) !== 0)
      throw new FlagError(
        `--control-sni 必须是域名，不能是 "${name}"`,
        `--control-sni must be a host name, not "${name}"`,
      );
    options.controlSni = name;
  }
  if (values.method !== undefined) {
    if (!/^[A-Za-z]+$/.test(values.method))
      throw new FlagError(
        `--method 必须是 GET 这样的 HTTP 方法，不能是 "${values.method}"`,
        `--method must be an HTTP method like GET, not "${values.method}"`,
      );
    options.method = values.method.toUpperCase();
  }
  if (values.header) options.headers = Object.fromEntries(values.header.map(parseHeader));
  if (values['http-port'] !== undefined) options.httpPort = port('http-port', values['http-port']);
  const clientReport = values['client-report'];
  return { url, options, ...base, ...(clientReport !== undefined ? { clientReport } : {}) };
}

export function parseProbeFlags(argv: string[]): ParsedProbeFlags {
  try {
    return { ok: true, ...toFlags(argv) };
  } catch (error) {
    if (error instanceof FlagError)
      return { ok: false, error: requestedLang(argv) === 'en' ? error.en : error.zh };
    throw error;
  }
}
