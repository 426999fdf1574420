/**
 * Turns whatever the caller holds into text to classify: an errMsg string, a whole fail result
 * object (`{errMsg, errno}`), a JSON string of one (even the JS-literal form users paste from a
 * console, `{errMsg: "request:fail "}`), an array of them, or junk. Bounded work for any input.
 */

/** Longer texts keep their head and tail: the decisive words are at the start (API, code) or end. */
export const MAX_TEXT_CHARS = 8192;
const HEAD_CHARS = 6144;
const TAIL_CHARS = MAX_TEXT_CHARS - HEAD_CHARS;

export type Extracted = {
  /** The text to classify (the errMsg when one was found), NFKC-normalised and bounded. */
  text: string;
  /** An errno found inside the raw value itself. */
  errno?: number;
};

export function boundText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  return `${text.slice(0, HEAD_CHARS)}\n${text.slice(text.length - TAIL_CHARS)}`;
}

/** NFKC folds full-width forms (`errno：5`, `（`) into the ASCII ones the patterns expect. */
function normalise(text: string): string {
  try {
    return text.normalize('NFKC');
  } catch {
    return text;
  }
}

/** An integer errno from a number or a numeric string; anything else is no errno. */
export function toErrno(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,12}\s*$/.test(value)) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

type FailResult = { errMsg?: unknown; message?: unknown; errno?: unknown };

/** The first `{errMsg}`-like object in a value: the object itself, or the first in an array. */
function failResultIn(value: unknown): FailResult | undefined {
  if (Array.isArray(value)) {
    const limit = Math.min(value.length, 16);
    for (let i = 0; i < limit; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) return item as FailResult;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') return value as FailResult;
  return undefined;
}

function fromFailResult(result: FailResult): { text?: string; errno?: number } {
  const message =
    typeof result.errMsg === 'string'
      ? result.errMsg
      : typeof result.message === 'string'
        ? result.message
        : undefined;
  const out: { text?: string; errno?: number } = {};
  if (message !== undefined) out.text = message;
  const errno = toErrno(result.errno);
  if (errno !== undefined) out.errno = errno;
  return out;
}

// `errMsg: "…"`, `"errMsg":"…"`, `errMsg: '…'` or an unquoted value up to `,` `}` or a line end.
const ERRMSG_FIELD =
  /errMsg\s*["']?\s*[:=]\s*(?:"((?:[^"\\\n]|\\.){0,4096})"|'((?:[^'\\\n]|\\.){0,4096})'|([^,}\n]{0,4096}))/i;
const ERRNO_FIELD = /errno\s*["']?\s*[:=]\s*["']?(-?\d{1,9})\b/i;

function unescapeJsonish(text: string): string {
  return text.replace(/\\(["'\\/])/g, '$1').replace(/\\n/g, '\n');
}

function fromText(text: string): Extracted {
  const trimmed = text.trim();
  const first = trimmed.charAt(0);
  if (first === '{' || first === '[') {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const result = failResultIn(parsed);
      if (result) {
        const found = fromFailResult(result);
        if (found.text !== undefined) {
          const out: Extracted = { text: normalise(boundText(found.text)) };
          if (found.errno !== undefined) out.errno = found.errno;
          return out;
        }
      }
    } catch {
      // Not JSON: JS-literal forms are handled by the field patterns below.
    }
  }
  const out: Extracted = { text };
  const field = ERRMSG_FIELD.exec(text);
  if (field) {
    const value = unescapeJsonish(field[1] ?? field[2] ?? field[3] ?? '');
    if (value.trim() !== '') out.text = value;
  }
  const errno = ERRNO_FIELD.exec(text);
  if (errno && errno[1] !== undefined) {
    const n = toErrno(errno[1]);
    if (n !== undefined) out.errno = n;
  }
  return out;
}

/** Never throws; returns empty text for values that hold nothing readable. */
export function extractRaw(raw: unknown): Extracted {
  try {
    if (typeof raw === 'string') return fromText(normalise(boundText(raw)));
    if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') {
      return { text: String(raw) };
    }
    const result = failResultIn(raw);
    if (result) {
      const found = fromFailResult(result);
      const out: Extracted = { text: found.text !== undefined ? normalise(boundText(found.text)) : '' };
      if (found.errno !== undefined) out.errno = found.errno;
      return out;
    }
  } catch {
    // A hostile object (throwing getter, revoked proxy): nothing readable.
  }
  return { text: '' };
}
