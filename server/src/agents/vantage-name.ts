/**
 * What a vantage (a place probes run from) may be called: it names a pg-boss queue (`probe-<name>`),
 * appears in reports and in `WXPROBE_AGENT_TOKENS`, so it is short, lower-case and URL-safe.
 */

import { VANTAGE_NAME_PATTERN } from '../../../shared/observations/vantages';

/** The words themselves are the contract's (shared/observations/vantages.ts). */
export { LOCAL_VANTAGE, MAX_VANTAGES, VANTAGE_NAME_PATTERN } from '../../../shared/observations/vantages';

const VANTAGE_NAME = new RegExp(VANTAGE_NAME_PATTERN);

export const VANTAGE_NAME_RULE = {
  zh: '1 到 48 个小写字母、数字或中间的连字符',
  en: '1-48 of a-z, 0-9 and inner hyphens',
} as const;

export function isVantageName(name: string): boolean {
  return VANTAGE_NAME.test(name);
}
