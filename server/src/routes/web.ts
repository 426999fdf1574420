/**
 * The web pages: home form (`/`), the no-script form target (`POST /probe`, answers with a redirect to
 * the report), the report page (`/r/:id`) and the two static assets. Server-rendered HTML; the
 * security-headers plugin adds the CSP. Hidden from the OpenAPI document (they are not API).
 *
 * Language: Chinese unless the reader asks otherwise (web/negotiate-lang.ts). A page opened with
 * `?lang=` saves that choice in a cookie, so the pages' own links need not carry it. Share links are
 * relative (the browser shows them absolute) unless WXPROBE_PUBLIC_URL is set: a link built from the
 * request's Host header would let whoever sends the request choose where it points.
 */
import type { FastifyInstance } from 'fastify';
import type { ClientObservation } from '../../../shared/observations/client';
import { parseClientObservation } from '../../../shared/observations/index';
import { ApiError } from '../errors';
import formBody from '../plugins/form-body';
import { checkTargetUrl, formProbeOptions, probeOptionsFor } from '../report/probe-request';
import { isReportId } from '../store/report-id';
import { matchesIfNoneMatch } from './reports-read-cache';
import { CLIENT_SCRIPT_JS } from '../web/assets/client-script';
import { STYLES_CSS } from '../web/assets/styles';
import { langCookie, savedLang } from '../web/lang-cookie';
import { ASSET_PATHS } from '../web/layout';
import { renderHomePage } from '../web/pages/home-page';
import { renderReportPage } from '../web/pages/report-page';
import { carriedLangQuery, explicitLang, requestLang as pageLang } from '../web/request-lang';

const HTML = 'text/html; charset=utf-8';

/** A bare host is what people type into the form; the probe needs a scheme. */
export function withScheme(input: string): string {
  const trimmed = input.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed === '' ? trimmed : `https://${trimmed}`;
}

/**
 * The phone view pasted (or loaded from a file) into the form: the mini-program's exported
 * `wxprobe.client/1` JSON, or a whole report holding one. Checked against the schema like the API's,
 * and it must be of the same origin as the URL to probe (as `wxprobe probe --client-report` wants).
 */
function pastedClient(fields: Record<string, unknown>, url: string): ClientObservation | null {
  const text = typeof fields.client === 'string' ? fields.client.trim() : '';
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid-request', { path: '/body/client', detail: 'the phone view is not JSON' });
  }
  const inner = (value as { client?: unknown } | null)?.client;
  const parsed = parseClientObservation(typeof inner === 'object' && inner !== null ? inner : value);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new ApiError('invalid-request', {
      path: '/body/client',
      detail: `the phone view is not wxprobe.client/1${first ? `: ${first.path} ${first.message}` : ''}`,
    });
  }
  const origin = (u: string) => {
    try {
      return new URL(u).origin.toLowerCase();
    } catch {
      return null;
    }
  };
  if (origin(parsed.value.url) !== origin(url)) {
    throw new ApiError('invalid-request', {
      path: '/body/client',
      detail: `the phone view measured ${parsed.value.url}, not the same host, scheme and port as ${url}`,
    });
  }
  return parsed.value;
}

export default async function webRoutes(app: FastifyInstance) {
  const config = app.wxConfig;
  const limits = { defaultAttempts: config.defaultAttempts, maxAttempts: config.maxAttempts };
  // The no-script form's body type, for these routes only.
  await app.register(formBody);

  // A page opened with ?lang= saves the choice (only when it changes, to keep responses cacheable).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.routeOptions.config?.html) return;
    const chosen = explicitLang(request);
    if (chosen && chosen !== savedLang(request.headers.cookie)) {
      reply.header('set-cookie', langCookie(chosen, request.protocol === 'https'));
    }
  });

  app.get('/', { config: { html: true }, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const url = typeof query.url === 'string' ? query.url.slice(0, 2048) : undefined;
    return reply.type(HTML).send(renderHomePage(pageLang(request), limits, { url }));
  });

  app.post(
    '/probe',
    { config: { html: true }, preHandler: app.probeRateLimit, schema: { hide: true } },
    async (request, reply) => {
      const fields = (request.body ?? {}) as Record<string, unknown>;
      const url = withScheme(typeof fields.url === 'string' ? fields.url : '');
      checkTargetUrl(url, '/body/url');
      const client = pastedClient(fields, url);
      const probeOptions = probeOptionsFor(formProbeOptions(fields, config), config);
      const report = await app.jobs.probeAndStore({ url, client, probeOptions });
      return reply.redirect(`/r/${report.id}${carriedLangQuery(request)}`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/r/:id',
    { config: { html: true }, schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params;
      const lang = pageLang(request);
      // Rendered once per report, rules version and language (routes/reports-read-cache.ts).
      const page = isReportId(id)
        ? await app.reportReads.page(id, lang, async () => {
            const report = await app.reports.get(id);
            const shareUrl = `${config.publicUrl ?? ''}/r/${id}`;
            const text = report && renderReportPage({ ...report, id }, lang, shareUrl);
            if (!report || text === null) return null;
            // Stored reports always carry it; a missing one must not make the entry look expired.
            return { text, createdAt: report.createdAt ? Date.parse(report.createdAt) : Date.now() };
          })
        : null;
      if (!page) throw new ApiError('report-not-found');
      // The type on a 304 too: it names the representation, and the page headers (CSP) follow it.
      reply
        .type(HTML)
        .header('cache-control', 'private, no-cache')
        .header('x-robots-tag', 'noindex, nofollow')
        .header('etag', page.etag);
      if (matchesIfNoneMatch(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
      return reply.send(page.body);
    },
  );

  const assets: Array<[string, string, string]> = [
    [ASSET_PATHS.css, 'text/css; charset=utf-8', STYLES_CSS],
    [ASSET_PATHS.js, 'text/javascript; charset=utf-8', CLIENT_SCRIPT_JS],
  ];
  for (const [path, type, content] of assets) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=300').send(content),
    );
  }
}
