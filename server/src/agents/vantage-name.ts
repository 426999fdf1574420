/**
 * What a vantage (a place probes run from) may be called: it names a pg-boss queue (`probe-<name>`),
 * appears in reports and in `WXPROBE_AGENT_TOKENS`, so it is short, lower-case and URL-safe.
 */

/** The vantage a server probes from itself. */
export const LOCAL_VANTAGE = 'local';

const VANTAGE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
/** The same rule as a JSON Schema `pattern` (request bodies). */
export const VANTAGE_NAME_PATTERN = VANTAGE_NAME.source;
/** Vantages one report may ask for. */
export const MAX_VANTAGES = 16;

export const VANTAGE_NAME_RULE = {
  zh: '1 到 48 个小写字母、数字或中间的连字符',
  en: '1-48 of a-z, 0-9 and inner hyphens',
} as const;

export function isVantageName(name: string): boolean {
  return VANTAGE_NAME.test(name);
}
