/**
 * The normalised form of a URL's host and path: what a fetch actually asks DNS for and sends on the
 * wire, as the WHATWG URL parser would normalise it (percent-decoded host, IDN → punycode, numeric
 * IPv4 tricks → dotted quad, IPv6 in RFC 5952 form; dot segments removed and the path
 * percent-encoded). The probe records this next to what the URL says as written (parse.ts); it is a
 * separate module so the mini-program does not carry it. Never throws.
 */
import { bytesToIpv6, ipv6ToBytes } from './ip-bytes';
import { parseNumericHost } from './numeric-host';
import { hostKindOf, type HostKind, type UrlFacts } from './parse';
import { domainToAscii, domainToUnicode } from './punycode';

export type CanonicalHost = {
  host: string;
  /** the Unicode form of an IDN host, null when it reads the same */
  hostUnicode: string | null;
  hostKind: HostKind;
  numericHostForm: string | null;
};

/** WHATWG forbidden domain code points: C0 controls, space, DEL and `#%/:<>?@[\]^|`. */
const FORBIDDEN_IN_DOMAIN = /[\x00-\x20\x7f#%/:<>?@[\\\]^|]/;

/** A host needing no normalisation: lower-case letters, digits, hyphens and dots only. */
const PLAIN_HOST = /^[a-z0-9.-]+$/;
const ACE_MARK = 'xn--';

function percentDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The host a fetch of this URL would use, or null when the host is invalid. */
export function canonicalHost(url: UrlFacts): CanonicalHost | null {
  if (url.hostKind === 'ipv6') {
    // A zone id (`%25eth0`) is not allowed in a URL's IPv6 host.
    const bytes = url.host.includes('%') ? null : ipv6ToBytes(url.host);
    return bytes
      ? { host: bytesToIpv6(bytes), hostUnicode: null, hostKind: 'ipv6', numericHostForm: null }
      : null;
  }
  // The usual host, lower-case LDH labels with no `xn--` one, is its own ASCII and Unicode form:
  // no decoding, mapping or punycode to do (each costs microseconds, on every upload).
  if (PLAIN_HOST.test(url.host) && !url.host.includes(ACE_MARK)) {
    const kind = hostKindOf(url.host);
    if (kind?.kind === 'name' || kind?.kind === 'localhost')
      return { host: url.host, hostUnicode: null, hostKind: kind.kind, numericHostForm: null };
  }
  const decoded = percentDecoded(url.host);
  const ascii = decoded === null ? null : domainToAscii(decoded);
  if (ascii === null || ascii === '' || FORBIDDEN_IN_DOMAIN.test(ascii)) return null;
  const kind = hostKindOf(ascii);
  if (!kind) return null;
  if (kind.kind === 'ipv4') {
    const address = parseNumericHost(ascii)?.address ?? ascii;
    return { host: address, hostUnicode: null, hostKind: 'ipv4', numericHostForm: kind.numericHostForm };
  }
  const unicode = domainToUnicode(ascii);
  return {
    host: ascii,
    hostUnicode: unicode !== null && unicode !== ascii ? unicode : null,
    hostKind: kind.kind,
    numericHostForm: null,
  };
}

/** Percent-encodes the code points WHATWG encodes in a special URL's path (or, `query`, its query). */
function percentEncoded(text: string, query: boolean): string {
  const encodeSet = query ? /[\x00-\x20\x7f"#<>']/ : /[\x00-\x20\x7f"#<>?`{}]/;
  let out = '';
  for (const char of text) {
    if (encodeSet.test(char)) {
      out += `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (char > '\x7f') {
      try {
        out += encodeURIComponent(char);
      } catch {
        out += '%EF%BF%BD'; // a lone surrogate becomes U+FFFD, as in the URL parser
      }
    } else out += char;
  }
  return out;
}

/** Path characters no encode set holds, `?` (its query's start), `%`, `'` and `\\` left out. */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*$/;
/** A `.` or `..` segment, removed by the parser. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const SINGLE_DOT = /^(\.|%2e)$/i;
const DOUBLE_DOT = /^(\.|%2e)(\.|%2e)$/i;

function withoutDotSegments(path: string): string {
  const segments = path.split('/').slice(1);
  const out: string[] = [];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (DOUBLE_DOT.test(segment)) {
      out.pop();
      if (last) out.push('');
    } else if (SINGLE_DOT.test(segment)) {
      if (last) out.push('');
    } else out.push(segment);
  });
  return `/${out.join('/')}`;
}

/** The path and query a fetch would send, from the path as written (parse.ts: starts with `/`). */
export function canonicalPath(path: string): string {
  // The usual path, nothing to encode, remove or decode, is already what a fetch sends.
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) return path;
  const text = path.replace(/[\t\n\r]/g, '');
  const question = text.indexOf('?');
  const pathname = question >= 0 ? text.slice(0, question) : text;
  const query = question >= 0 ? text.slice(question + 1) : '';
  const normalised = withoutDotSegments(percentEncoded(pathname.replace(/\\/g, '/'), false));
  return query === '' ? normalised : `${normalised}?${percentEncoded(query, true)}`;
}
