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
