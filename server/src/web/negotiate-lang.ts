/**
 * Which language to answer in: `?lang=zh|en` wins, then the best of zh/en in Accept-Language, then
 * Chinese (the default of everything user-facing in wxprobe).
 */
import type { Lang } from '../../../shared/taxonomy/codes';

export function negotiateLang(queryLang: unknown, acceptLanguage: string | undefined): Lang {
  if (queryLang === 'en' || queryLang === 'zh') return queryLang;
  if (!acceptLanguage) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.split('-')[0];
    const lang: Lang | null = primary === 'zh' ? 'zh' : primary === 'en' ? 'en' : null;
    // Ties keep the earlier entry: browsers list languages in preference order.
    if (lang && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

/** `?lang=` to append to links when the language was chosen explicitly by the query. */
export function langQuery(queryLang: unknown): string {
  return queryLang === 'en' || queryLang === 'zh' ? `?lang=${queryLang}` : '';
}
