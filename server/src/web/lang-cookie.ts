/**
 * The saved language choice: a first-party cookie, so a reader who switched to English once keeps
 * English on every page and in the API answers the page's script asks for, without `?lang=` on
 * every link. HttpOnly (no script reads it), SameSite=Lax, a year long.
 */
import type { Lang } from '../../../shared/taxonomy/codes';
import { isLang } from './negotiate-lang';

const LANG_COOKIE = 'wxprobe_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

/** The saved choice from a Cookie header, if there is a valid one. */
export function savedLang(cookieHeader: string | undefined): Lang | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== LANG_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    if (isLang(value)) return value;
  }
  return undefined;
}

export function langCookie(lang: Lang, secure: boolean): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
