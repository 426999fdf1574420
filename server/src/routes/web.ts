/**
 * The web pages: home form (`/`), the no-script form target (`POST /probe`, answers with a redirect to
 * the report), the report page (`/r/:id`) and the two static assets. Server-rendered HTML; the
 * security-headers plugin adds the CSP. Hidden from the OpenAPI document (they are not API).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { probeRateLimit } from '../plugins/rate-limit';
import { checkTargetUrl, probeOptionsFor, type RequestedProbeOptions } from '../report/probe-request';
import { isReportId } from '../store/report-id';
import { CLIENT_SCRIPT_JS } from '../web/assets/client-script';
import { STYLES_CSS } from '../web/assets/styles';
import { ASSET_PATHS } from '../web/layout';
import { negotiateLang } from '../web/negotiate-lang';
import { renderHomePage } from '../web/pages/home-page';
import { renderReportPage } from '../web/pages/report-page';

const HTML = 'text/html; charset=utf-8';

function pageLang(request: FastifyRequest) {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  return negotiateLang(query?.lang ?? body?.lang, request.headers['accept-language']);
}

/** A bare host is what people type into the form; the probe needs a scheme. */
export function withScheme(input: string): string {
  const trimmed = input.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed === '' ? trimmed : `https://${trimmed}`;
}

function optionalInteger(value: unknown, path: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) {
    throw new ApiError('invalid-request', { path, detail: `${path} must be a whole number` });
  }
  return Number(value.trim());
}

/** The form's fields (all strings) as probe options, with the same checks as the API's schema. */
function formOptions(fields: Record<string, unknown>): RequestedProbeOptions {
  const options: RequestedProbeOptions = {};
  const attempts = optionalInteger(fields.attempts, '/body/attempts');
  const timeoutMs = optionalInteger(fields.timeoutMs, '/body/timeoutMs');
  const httpPort = optionalInteger(fields.httpPort, '/body/httpPort');
  if (attempts !== undefined) options.attempts = attempts;
  if (timeoutMs !== undefined) options.timeoutMs = Math.max(100, Math.min(timeoutMs, 60_000));
  if (httpPort !== undefined) {
    if (httpPort < 1 || httpPort > 65535) throw new ApiError('invalid-request', { path: '/body/httpPort' });
    options.httpPort = httpPort;
  }
  const controlSni = typeof fields.controlSni === 'string' ? fields.controlSni.trim() : '';
  if (controlSni !== '') {
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(controlSni)) {
      throw new ApiError('invalid-request', { path: '/body/controlSni' });
    }
    options.controlSni = controlSni;
  }
  return options;
}

export default async function webRoutes(app: FastifyInstance) {
  const config = app.wxConfig;
  const limits = { defaultAttempts: config.defaultAttempts, maxAttempts: config.maxAttempts };

  app.get('/', { config: { html: true }, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const url = typeof query.url === 'string' ? query.url.slice(0, 2048) : undefined;
    return reply.type(HTML).send(renderHomePage(pageLang(request), limits, { url }));
  });

  app.post(
    '/probe',
    { config: { html: true, rateLimit: probeRateLimit(config) }, schema: { hide: true } },
    async (request, reply) => {
      const fields = (request.body ?? {}) as Record<string, unknown>;
      const url = withScheme(typeof fields.url === 'string' ? fields.url : '');
      checkTargetUrl(url, '/body/url');
      const probe = await app.probes.run(url, probeOptionsFor(formOptions(fields), config));
      const report = await app.reports.create({ url, client: null, probe });
      return reply.redirect(`/r/${report.id}?lang=${pageLang(request)}`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/r/:id',
    { config: { html: true }, schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params;
      const report = isReportId(id) ? await app.reports.get(id) : null;
      if (!report) throw new ApiError('report-not-found');
      const base = config.publicUrl ?? `${request.protocol}://${request.host}`;
      reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex, nofollow');
      return reply.type(HTML).send(renderReportPage({ ...report, id }, pageLang(request), `${base}/r/${id}`));
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
