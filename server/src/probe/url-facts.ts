/**
 * Step 1, URL facts: what the URL itself says, before any packet. WeChat judges URLs by their text
 * (https only, no IP or localhost, no explicit :443 unless listed), so scheme, explicit port and the
 * numeric host trick are kept as written (shared/url/parse.ts); host and path are what the fetch will
 * use (shared/url/canonical.ts), the same reading the mini-program and the diagnosis make.
 */
import type { ProbeTarget } from '../../../shared/observations/probe';
import { canonicalHost, canonicalPath } from '../../../shared/url/canonical';
import { parseUrl } from '../../../shared/url/parse';

const PROBED_SCHEMES = ['https', 'wss', 'http', 'ws'];
const MAX_PORT = 65535;

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
  const url = parseUrl(input);
  const notAUrl = { ...empty, error: 'not a URL: Invalid URL' };
  if (!url || (url.port !== null && url.port > MAX_PORT)) return notAUrl;
  const base: ProbeTarget = {
    ...empty,
    scheme: url.scheme,
    host: url.host,
    port: url.port ?? 0,
    explicitPort: url.explicitPort,
    path: canonicalPath(url.path),
  };
  if (!PROBED_SCHEMES.includes(url.scheme))
    return { ...base, error: `unsupported scheme ${url.scheme}: (only https, http, wss, ws)` };
  const host = canonicalHost(url);
  if (!host) return notAUrl;
  return { ...base, ...host };
}
