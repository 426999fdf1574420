/**
 * Reading a URL as written: scheme, host, port, path, and whether the host is an IP or localhost.
 * Hand-rolled because WeChat's JS runtime has no `URL` global, and because WeChat judges the text
 * the user wrote (an explicit `:443`, a decimal IPv4 trick) rather than a normalised form. Numeric
 * IPv4 hosts are read as the WHATWG URL parser reads them (numeric-host.ts); a host that ends in a
 * number but is no IPv4 address, or a bracketed host that is no IPv6 address, is no URL for any
 * browser-like parser, so it reads as null. Never throws.
 *
 * The normalised form a fetch would use (punycode, dotted quad, percent-encoded path) is
 * canonical.ts; the mini-program needs only this file.
 */
import { ipv6ToBytes } from './ip-bytes';
import { parseNumericHost } from './numeric-host';

export type HostKind = 'name' | 'ipv4' | 'ipv6' | 'localhost';

/** What WeChat and the diagnosis judge in a URL. */
export type UrlFacts = {
  scheme: string;
  /** lower-cased as written, brackets of an IPv6 literal dropped (`0x7f.1` stays `0x7f.1`) */
  host: string;
  port: number | null;
  explicitPort: boolean;
  hostKind: HostKind;
  /** decimal | octal | hex | short: a numeric IPv4 spelling that resolvers accept */
  numericHostForm: string | null;
};

export type ParsedUrl = UrlFacts & {
  /** path and query as written, fragment dropped; `/` when empty */
  path: string;
};

const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([/?#][\s\S]*)?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

/** WHATWG "ends in a number": such a host must be an IPv4 address or the URL fails. */
function endsInNumber(host: string): boolean {
  const last = host.split('.').pop() ?? '';
  return /^\d+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
}

/** The kind of a URL host as written, or null when no URL parser would take it. */
export function hostKindOf(host: string): { kind: HostKind; numericHostForm: string | null } | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') || h.includes(':')) {
    return ipv6ToBytes(h.replace(/^\[|\]$/g, '')) ? { kind: 'ipv6', numericHostForm: null } : null;
  }
  if (h === 'localhost' || h.endsWith('.localhost')) return { kind: 'localhost', numericHostForm: null };
  const numeric = parseNumericHost(h);
  if (numeric) return { kind: 'ipv4', numericHostForm: numeric.form };
  if (endsInNumber(h)) return null;
  return { kind: 'name', numericHostForm: null };
}

function pathOf(rest: string): string {
  const hash = rest.indexOf('#');
  const path = hash >= 0 ? rest.slice(0, hash) : rest;
  return path === '' ? '/' : path.startsWith('/') ? path : `/${path}`;
}

export function parseUrl(input: unknown): ParsedUrl | null {
  if (typeof input !== 'string') return null;
  const m = URL_RE.exec(input.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  const rawHost = m[2] ?? '';
  if (rawHost === '') return null;
  const kind = hostKindOf(rawHost);
  if (!kind) return null;
  const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
  const portText = m[3];
  const explicitPort = portText !== undefined && portText !== '';
  const port = explicitPort ? Number(portText) : (DEFAULT_PORTS[scheme] ?? null);
  return {
    scheme,
    host,
    port,
    explicitPort,
    hostKind: kind.kind,
    numericHostForm: kind.numericHostForm,
    path: pathOf(m[4] ?? ''),
  };
}
