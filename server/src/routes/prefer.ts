/**
 * RFC 7240 `Prefer`, the one preference the reports API honours: `return=minimal` — the client wants
 * the resource created, not sent back (a bulk uploader, a CI job storing phone results). The header
 * may repeat and hold several preferences (`respond-async, return=minimal`); names are
 * case-insensitive, a value may be quoted, parameters after `;` are ignored (RFC 7240 §2).
 */
export function prefersMinimalReturn(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const values = Array.isArray(header) ? header : [header];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const [token = ''] = preference.split(';');
      const equals = token.indexOf('=');
      if (equals < 0) continue;
      const name = token.slice(0, equals).trim().toLowerCase();
      if (name !== 'return') continue;
      const raw = token.slice(equals + 1).trim();
      const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      // The first `return` preference counts (RFC 7240 §2: a repeated preference is the first one).
      return unquoted.toLowerCase() === 'minimal';
    }
  }
  return false;
}
