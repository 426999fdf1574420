/**
 * Step 1, URL facts: what the URL itself says, before any packet. WeChat judges URLs by their text
 * (https only, no IP or localhost, no explicit :443 unless listed), so these are kept as written.
 */
import { domainToUnicode } from 'node:url';
import { isIP } from 'node:net';
import type { ProbeTarget } from '../../../shared/observations/probe';
import { parseNumericHost } from '../target-policy/policy';

const DEFAULT_PORTS: Record<string, number> = { https: 443, wss: 443, http: 80, ws: 80 };

/** `host[:port]` as typed in the URL (userinfo dropped), before the URL parser normalises it. */
function rawHostPort(input: string): string {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(input.trim());
  const authority = match?.[1] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** The host as typed: numeric tricks (`0x7f.1`) are still visible here. */
function rawHostOf(input: string): string {
  const hostPort = rawHostPort(input);
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  return hostPort.replace(/:\d*$/, '');
}

function isLocalhost(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return lower === 'localhost' || lower.endsWith('.localhost');
}

export function urlFacts(input: string): ProbeTarget {
  const empty: ProbeTarget = {
    input,
    scheme: '',
    host: '',
    hostUnicode: null,
    port: 0,
    explicitPort: false,
    path: '',
    hostKind: 'none',
    numericHostForm: null,
    error: null,
  };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (error) {
    return { ...empty, error: `not a URL: ${(error as Error).message}` };
  }
  const scheme = url.protocol.replace(/:$/, '');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const defaultPort = DEFAULT_PORTS[scheme];
  const base: ProbeTarget = {
    ...empty,
    scheme,
    host,
    port: url.port === '' ? (defaultPort ?? 0) : Number(url.port),
    // The URL parser drops a port equal to the scheme default; WeChat looks at the text.
    explicitPort: url.port !== '' || /:\d+$/.test(rawHostPort(input)),
    path: `${url.pathname}${url.search}`,
  };
  if (defaultPort === undefined)
    return { ...base, error: `unsupported scheme ${scheme}: (only https, http, wss, ws)` };
  if (host === '') return { ...base, error: 'the URL has no host' };
  const unicode = domainToUnicode(host);
  const family = isIP(host);
  return {
    ...base,
    hostUnicode: unicode !== '' && unicode !== host ? unicode : null,
    hostKind: family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : isLocalhost(host) ? 'localhost' : 'name',
    numericHostForm: family === 4 ? (parseNumericHost(rawHostOf(input))?.form ?? null) : null,
  };
}
