/**
 * Which language to answer in. Chinese is the default of everything user-facing in wxprobe; English
 * is used only when asked for, in this order:
 *   1. an explicit choice in the request: `?lang=en|zh` (or the home form's `lang` field);
 *   2. a saved choice: the `wxprobe_lang` cookie, set when a page is opened with `?lang=`;
 *   3. a browser that prefers English over Chinese: Accept-Language gives some English tag (`en`,
 *      `en-US`, …) a q above every Chinese tag (`zh`, `zh-CN`, `zh-TW`, …), or lists English and no
 *      Chinese at all. q=0 means "not acceptable" and counts as not listed; a tie, `*`, a malformed
 *      entry or only other languages leave Chinese.
 */
import type { Lang } from '../../../shared/taxonomy/codes';

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** The q value of one Accept-Language entry, or null when the entry is malformed. */
function qualityOf(params: string[]): number | null {
  const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
  if (q === undefined) return 1;
  if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q.slice(2))) return null;
  return Number(q.slice(2));
}

/** True when Accept-Language puts English strictly ahead of Chinese (see the rule above). */
export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  let zh = 0;
  let en = 0;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const q = qualityOf(params);
    if (q === null) continue;
    if (primary === 'zh') zh = Math.max(zh, q);
    else en = Math.max(en, q);
  }
  return en > zh;
}

export function negotiateLang(explicit: unknown, acceptLanguage: string | undefined, saved?: unknown): Lang {
  if (isLang(explicit)) return explicit;
  if (isLang(saved)) return saved;
  return prefersEnglish(acceptLanguage) ? 'en' : 'zh';
}
