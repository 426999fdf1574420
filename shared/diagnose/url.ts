/**
 * Just enough URL reading for the diagnosis: scheme, host, port, and whether the host is an IP or
 * localhost. Hand-rolled because WeChat's JS runtime has no reliable `URL` global, and because we
 * must see what the user wrote (an explicit `:443`, a decimal IPv4 trick) rather than a normalised
 * form. Never throws; unparseable input gives `null`.
 */

export type HostKind = 'name' | 'ipv4' | 'ipv6' | 'localhost';

export type UrlFacts = {
  scheme: string;
  host: string;
  port: number | null;
  explicitPort: boolean;
  hostKind: HostKind;
  /** decimal | octal | hex | short: a numeric IPv4 spelling that resolvers accept */
  numericHostForm: string | null;
};

const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?(?:[/?#]|$)/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Numeric IPv4 forms other than a dotted quad (1.1 / 16843009 / 0x7f.1 / 0177.0.0.1). */
function numericForm(host: string): string | null {
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  if (!parts.every((p) => /^(0x[0-9a-f]*|\d+)$/i.test(p))) return null;
  if (parts.some((p) => /^0x/i.test(p))) return 'hex';
  if (parts.some((p) => /^0\d/.test(p))) return 'octal';
  if (parts.length === 1) return 'decimal';
  if (parts.length < 4) return 'short';
  return null;
}

export function hostKindOf(host: string): { kind: HostKind; numericHostForm: string | null } {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') || h.includes(':')) return { kind: 'ipv6', numericHostForm: null };
  if (h === 'localhost' || h.endsWith('.localhost')) return { kind: 'localhost', numericHostForm: null };
  if (DOTTED_QUAD.test(h)) return { kind: 'ipv4', numericHostForm: null };
  const form = numericForm(h);
  if (form) return { kind: 'ipv4', numericHostForm: form };
  return { kind: 'name', numericHostForm: null };
}

export function parseUrl(input: unknown): UrlFacts | null {
  if (typeof input !== 'string') return null;
  const m = URL_RE.exec(input.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  const rawHost = m[2] ?? '';
  if (rawHost === '') return null;
  const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
  const portText = m[3];
  const explicitPort = portText !== undefined && portText !== '';
  const port = explicitPort ? Number(portText) : (DEFAULT_PORTS[scheme] ?? null);
  const { kind, numericHostForm } = hostKindOf(rawHost);
  return { scheme, host, port, explicitPort, hostKind: kind, numericHostForm };
}

/** Resolve a Location header against the URL it came from (absolute, scheme-relative, path). */
export function resolveLocation(base: string, location: string): string {
  const loc = location.trim();
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(loc)) return loc;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/[^/?#]*)?([^?#]*)/.exec(base);
  if (!m) return loc;
  const scheme = m[1] ?? '';
  const authority = m[2] ?? '';
  if (loc.startsWith('//')) return scheme + loc;
  if (loc.startsWith('/')) return scheme + authority + loc;
  const path = m[3] ?? '/';
  const dir = path.slice(0, path.lastIndexOf('/') + 1) || '/';
  return scheme + authority + dir + loc;
}
