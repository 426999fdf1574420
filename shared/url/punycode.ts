/**
 * Internationalised domain names ↔ the ASCII form DNS and TLS see (`例子.测试` ↔
 * `xn--fsqu00a.xn--0zwm56d`): Punycode (RFC 3492) per label. Pure, because shared/ may not use
 * `node:url` and WeChat has no `URL` global. The mapping before encoding is NFKC plus lower case and
 * the ideographic full stops: the part of UTS #46 that real domain names need, not all of it.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const ACE_PREFIX = 'xn--';

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

function digitChar(digit: number): string {
  return String.fromCharCode(digit < 26 ? 97 + digit : 22 + digit);
}

function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return BASE;
}

function encodeLabel(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0) ?? 0);
  let output = points
    .filter((p) => p < 0x80)
    .map((p) => String.fromCharCode(p))
    .join('');
  const basic = output.length;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  for (let handled = basic; handled < points.length;) {
    const next = Math.min(...points.filter((p) => p >= n));
    delta += (next - n) * (handled + 1);
    n = next;
    for (const point of points) {
      if (point < n) delta++;
      if (point !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

function decodeLabel(encoded: string): string | null {
  const dash = encoded.lastIndexOf('-');
  const output: number[] = [];
  for (let i = 0; i < Math.max(dash, 0); i++) {
    const code = encoded.charCodeAt(i);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = dash > 0 ? dash + 1 : 0; index < encoded.length;) {
    const before = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= encoded.length) return null;
      const digit = digitValue(encoded.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * weight;
      const t = threshold(k, bias);
      if (digit < t) break;
      weight *= BASE - t;
      if (i > 0x7fffffff || weight > 0x7fffffff) return null;
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * The Unicode form of an `xn--` label, or null when it is not one a URL parser accepts: it must
 * decode, hold something non-ASCII and no control characters, and be already mapped (re-encoding
 * the mapped form gives it back).
 */
function decodeAceLabel(label: string): string | null {
  const encoded = label.slice(ACE_PREFIX.length);
  const decoded = decodeLabel(encoded);
  if (decoded === null || !/[^\x00-\x7f]/.test(decoded) || /[\x00-\x20\x7f-\x9f]/.test(decoded)) return null;
  return encodeLabel(decoded.normalize('NFKC').toLowerCase()) === encoded ? decoded : null;
}

/** The ASCII form of a domain, or null when an `xn--` label in it does not decode. */
export function domainToAscii(domain: string): string | null {
  const mapped = domain
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3002\uff0e\uff61]/g, '.');
  const labels: string[] = [];
  for (const label of mapped.split('.')) {
    if (/[^\x00-\x7f]/.test(label)) labels.push(ACE_PREFIX + encodeLabel(label));
    else if (label.startsWith(ACE_PREFIX) && decodeAceLabel(label) === null) return null;
    else labels.push(label);
  }
  return labels.join('.');
}

/** The Unicode form of an ASCII domain, or null when an `xn--` label in it does not decode. */
export function domainToUnicode(domain: string): string | null {
  const labels: string[] = [];
  for (const label of domain.split('.')) {
    const lower = label.toLowerCase();
    if (!lower.startsWith(ACE_PREFIX)) {
      labels.push(label);
      continue;
    }
    const decoded = decodeAceLabel(lower);
    if (decoded === null) return null;
    labels.push(decoded);
  }
  return labels.join('.');
}
