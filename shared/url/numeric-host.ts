/**
 * Numeric IPv4 host tricks. URL parsers (WHATWG, curl, many HTTP libraries) accept `2130706433`,
 * `0177.0.0.1`, `0x7f.1` or `127.1` as 127.0.0.1; attackers use them to slip a loopback or metadata
 * address past a naive string check. This follows the WHATWG IPv4 parser so we read the host exactly
 * as the fetch would, and names which trick was used.
 */
export const NUMERIC_HOST_FORMS = ['decimal', 'octal', 'hex', 'short'] as const;
export type NumericHostForm = (typeof NUMERIC_HOST_FORMS)[number];

export type NumericHost = {
  /** dotted-quad IPv4 address the host stands for */
  address: string;
  /** which trick spelled it, or null for the plain dotted quad */
  form: NumericHostForm | null;
};

type Part = { value: number; radix: 8 | 10 | 16 };

function parsePart(text: string): Part | null {
  if (/^0[xX][0-9a-fA-F]*$/.test(text)) {
    return { value: text.length === 2 ? 0 : Number.parseInt(text.slice(2), 16), radix: 16 };
  }
  if (/^0[0-7]+$/.test(text)) return { value: Number.parseInt(text.slice(1), 8), radix: 8 };
  if (/^(0|[1-9][0-9]*)$/.test(text)) return { value: Number(text), radix: 10 };
  return null;
}

/** The IPv4 address a host name spells numerically, or null when it is not a numeric host. */
export function parseNumericHost(host: string): NumericHost | null {
  let text = host.trim();
  if (text.endsWith('.') && text.length > 1) text = text.slice(0, -1);
  const pieces = text.split('.');
  if (pieces.length === 0 || pieces.length > 4) return null;
  const parts: Part[] = [];
  for (const piece of pieces) {
    const part = parsePart(piece);
    if (!part || !Number.isSafeInteger(part.value)) return null;
    parts.push(part);
  }
  const last = parts[parts.length - 1] as Part;
  const leading = parts.slice(0, -1);
  if (leading.some((p) => p.value > 255)) return null;
  if (last.value >= 256 ** (5 - parts.length)) return null;
  let value = last.value;
  leading.forEach((p, i) => {
    value += p.value * 256 ** (3 - i);
  });
  const address = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
  return { address, form: formOf(parts) };
}

function formOf(parts: Part[]): NumericHostForm | null {
  if (parts.some((p) => p.radix === 16)) return 'hex';
  if (parts.some((p) => p.radix === 8)) return 'octal';
  if (parts.length === 1) return 'decimal';
  if (parts.length < 4) return 'short';
  return null;
}

/**
 * The IP address a URL host literally names (`[::1]`, `127.0.0.1`, `0x7f.1`, `2130706433`), or null
 * when the host is a name that needs DNS.
 */
export function literalHostAddress(host: string): string | null {
  const text = host.trim();
  if (text.startsWith('[') && text.endsWith(']')) return text.slice(1, -1);
  if (text.includes(':')) return text;
  return parseNumericHost(text)?.address ?? null;
}
