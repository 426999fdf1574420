/**
 * More of a successful answer than its status: the response headers, the cookies' names (never their
 * values), the first 2 KB of a text body (ICP block pages, WAF pages and captive portals are
 * recognised from exactly this), and a 3xx's Location. Copied as given, bounded, never interpreted.
 */
export const ANSWER_LIMITS = {
  maxHeaders: 64,
  maxHeaderValue: 1024,
  bodyHeadChars: 2048,
  maxCookies: 64,
} as const;

export type Redirect = { statusCode: number; location?: string };
export type AnswerFields = {
  header?: Record<string, string>;
  cookieNames?: string[];
  bodyHead?: string;
  bodyTruncated?: boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headersOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, v] of Object.entries(value)) {
    if (n++ >= ANSWER_LIMITS.maxHeaders) break;
    out[name.slice(0, 256)] = String(v).slice(0, ANSWER_LIMITS.maxHeaderValue);
  }
  return out;
}

/** `cookies` is `string[]` of Set-Cookie values ("name=value; Path=/"): the name is before `=`. */
function cookieNamesOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const cookie of value.slice(0, ANSWER_LIMITS.maxCookies)) {
    if (typeof cookie === 'string') names.push(cookie.split('=')[0]!.trim().slice(0, 256));
    else if (isRecord(cookie) && typeof cookie.name === 'string') names.push(cookie.name.slice(0, 256));
  }
  return names;
}

function textOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  // dataType 'json' hands over the parsed value: its JSON text is the closest to what came.
  if (isRecord(data) || Array.isArray(data)) {
    try {
      return JSON.stringify(data);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function copyAnswer(res: unknown): AnswerFields {
  const out: AnswerFields = {};
  if (!isRecord(res)) return out;
  const header = headersOf(res.header);
  if (header) out.header = header;
  const cookies = cookieNamesOf(res.cookies);
  if (cookies && cookies.length) out.cookieNames = cookies;
  const text = textOf(res.data);
  if (text !== undefined && text !== '') {
    out.bodyHead = text.slice(0, ANSWER_LIMITS.bodyHeadChars);
    if (text.length > ANSWER_LIMITS.bodyHeadChars) out.bodyTruncated = true;
  }
  return out;
}

/** A 3xx from onHeadersReceived or a success result, with its Location (any header case). */
export function redirectOf(res: unknown): Redirect | null {
  if (!isRecord(res) || typeof res.statusCode !== 'number') return null;
  if (res.statusCode < 300 || res.statusCode >= 400) return null;
  const redirect: Redirect = { statusCode: res.statusCode };
  if (isRecord(res.header)) {
    for (const [name, v] of Object.entries(res.header)) {
      if (name.toLowerCase() === 'location' && typeof v === 'string') redirect.location = v.slice(0, 2048);
    }
  }
  return redirect;
}
