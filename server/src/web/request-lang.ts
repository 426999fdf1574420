/**
 * The language of one request's answer (the rule is in negotiate-lang.ts): the explicit `?lang=` or
 * form field, the saved cookie, then Accept-Language. Every page, error and API message asks here.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../shared/taxonomy/codes';
import { savedLang } from './lang-cookie';
import { isLang, negotiateLang } from './negotiate-lang';

/** `?lang=` or the form's `lang` field, when it names a language we have. */
export function explicitLang(request: FastifyRequest): Lang | undefined {
  const body = request.body as { lang?: unknown } | undefined;
  const asked = queryOf(request).lang ?? body?.lang;
  return isLang(asked) ? asked : undefined;
}

/** The parsed query; errors Fastify raises before routing come with none, so read the URL then. */
function queryOf(request: FastifyRequest): { lang?: unknown } {
  const parsed = request.query as { lang?: unknown } | null | undefined;
  if (parsed) return parsed;
  const at = request.url.indexOf('?');
  return at < 0 ? {} : { lang: new URLSearchParams(request.url.slice(at + 1)).get('lang') ?? undefined };
}

export function requestLang(request: FastifyRequest): Lang {
  return negotiateLang(
    explicitLang(request),
    request.headers['accept-language'],
    savedLang(request.headers.cookie),
  );
}

/**
 * `?lang=xx` for a link or redirect to our next page, only when this request chose a language that
 * the next page would not pick by itself (a cookie-less client, say): a language the reader never
 * chose is not carried, so it is not saved either.
 */
export function carriedLangQuery(request: FastifyRequest): string {
  const chosen = explicitLang(request);
  const implicit = negotiateLang(
    undefined,
    request.headers['accept-language'],
    savedLang(request.headers.cookie),
  );
  return chosen && chosen !== implicit ? `?lang=${chosen}` : '';
}
