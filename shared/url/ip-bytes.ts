/**
 * IP address text ↔ bytes. Address categories are matched on bytes because the text alone can spell
 * the same address many ways (`::ffff:127.0.0.1`, `::ffff:7f00:1`, `0:0:0:0:0:ffff:7f00:0001`), and
 * the server's policy needs the bytes of an IPv6 address to find an IPv4 address hidden inside it.
 * Pure (no `node:net`): the mini-program reads addresses with it too. Accepts exactly what
 * `node:net` `isIPv4` / `isIPv6` accept (ip-bytes.test.ts compares them).
 */

/** A plain dotted quad, no leading zeros (those are the octal trick, see numeric-host.ts). */
const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Drops a zone id (`fe80::1%eth0`) and IPv6 brackets; the zone never changes the category. */
export function bareAddress(address: string): string {
  let text = address.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  return zone >= 0 ? text.slice(0, zone) : text;
}

export function ipv4ToBytes(address: string): number[] | null {
  if (!DOTTED_QUAD.test(address)) return null;
  return address.split('.').map(Number);
}

export function bytesToIpv4(bytes: ArrayLike<number>, offset = 0): string {
  return [0, 1, 2, 3].map((i) => bytes[offset + i] ?? 0).join('.');
}

/** 16 bytes of an IPv6 address, or null when it is not one. */
export function ipv6ToBytes(address: string): number[] | null {
  let text = bareAddress(address);
  if (!text.includes(':')) return null;
  // An embedded dotted quad (`::ffff:1.2.3.4`) stands for the last two groups: rewrite it as hex.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToBytes(tail);
    if (!v4) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const [left = '', right] = halves as [string, string | undefined];
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const missing = 8 - leftGroups.length - rightGroups.length;
  // `::` stands for at least one zero group; without it there must be exactly eight.
  if (right === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...leftGroups, ...Array<string>(missing).fill('0'), ...rightGroups];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/** Canonical text of 16 IPv6 bytes (RFC 5952: lowercase, longest zero run compressed). */
export function bytesToIpv6(bytes: ArrayLike<number>): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}
