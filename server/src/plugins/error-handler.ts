/**
 * One error handler and one not-found handler for the whole app. Every failure — ours (ApiError),
 * Fastify's (validation, body limits, content types, and the URL errors it raises before routing),
 * the rate limiter's, Node's HTTP parser's, or an unexpected throw — leaves as a catalogue error with
 * the same security headers: JSON `{ error: { code, message, path? } }` for the API, an HTML page for
 * the web pages. Unexpected errors are logged and answered with 500; the process keeps running.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, ERRORS, errorBody, type ErrorCode, type ErrorDetail } from '../errors';
import { renderErrorPage } from '../web/pages/error-page';
import { requestLang } from '../web/request-lang';
import { t } from '../web/ui-text';
import { logForRequest } from '../server-log';
import { applySecurityHeaders, baseSecurityHeaders, type SecurityHeaderOptions } from './security-headers';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves an HTML page: errors are answered as a page too. */
    html?: boolean;
  }
}

export type Failure = {
  code: ErrorCode;
  path?: string;
  detail?: ErrorDetail;
  retryAfterSeconds?: number;
};

type AjvIssue = {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

function validationFailure(error: FastifyError): Failure {
  const issue = (error.validation?.[0] ?? {}) as AjvIssue;
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  let path = `/${context}${issue.instancePath ?? ''}`;
  const params = issue.params ?? {};
  if (typeof params.missingProperty === 'string') path += `/${params.missingProperty}`;
  if (typeof params.additionalProperty === 'string') path += `/${params.additionalProperty}`;
  let reason = issue.message ?? 'is invalid';
  if (issue.keyword === 'additionalProperties') reason = 'is not an allowed property';
  if (Array.isArray(params.allowedValues)) {
    reason += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  return { code: 'invalid-request', path, detail: `${path} ${reason}` };
}

/** Maps anything thrown to a catalogue code. Exported for tests. */
export function toFailure(error: unknown): Failure {
  if (error instanceof ApiError) return { code: error.code, ...error.options };
  const e = error as FastifyError & { status?: number };
  if (e?.validation) return validationFailure(e);
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body-too-large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported-media-type' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid-json', path: '/body' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'invalid-request', detail: 'Content-Length does not match the body' };
    case 'FST_ERR_BAD_URL':
      return { code: 'invalid-path-encoding' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'url-too-long' };
  }
  const status = e?.statusCode ?? e?.status;
  if (status === 400 && error instanceof SyntaxError) return { code: 'invalid-json', path: '/body' };
  if (status === 404) return { code: 'route-not-found' };
  if (status === 405) return { code: 'method-not-allowed' };
  if (status === 408) return { code: 'request-timeout' };
  if (status === 413) return { code: 'body-too-large' };
  if (status === 415) return { code: 'unsupported-media-type' };
  if (status === 429) return { code: 'rate-limited' };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { code: 'invalid-request', detail: e.message };
  }
  return { code: 'internal-error' };
}

/**
 * Whether a request that matched no route (404, or a URL Fastify could not route) is answered with a
 * page: a browser navigation outside the API. Routed requests follow their route's `html` flag.
 */
function unroutedWantsHtml(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

export function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: Failure,
  options: { html?: boolean } = {},
) {
  const lang = requestLang(request);
  const status = ERRORS[failure.code].status;
  if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
  reply.code(status);
  if (options.html ?? request.routeOptions.config?.html) {
    return reply.type('text/html; charset=utf-8').send(
      renderErrorPage(lang, {
        title: t(lang, failure.code === 'report-not-found' ? 'notFoundTitle' : 'errorTitle'),
        message: errorBody(failure.code, lang, { detail: failure.detail }).error.message,
        code: failure.code,
      }),
    );
  }
  // Sent as text: a route's own schema for this status (e.g. /healthz's 503) must not reshape it.
  return reply
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(errorBody(failure.code, lang, { path: failure.path, detail: failure.detail })));
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (bad percent-encoding, an over-long parameter)
 * is answered before any route or hook runs, so the security headers are set here.
 */
export function frameworkErrorHandler(options: SecurityHeaderOptions) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toFailure(error);
    if (ERRORS[failure.code].status >= 500) logForRequest(request, 'error', { err: error }, 'request failed');
    const html = unroutedWantsHtml(request);
    applySecurityHeaders(reply, options, html ? 'text/html' : 'application/json');
    return sendFailure(request, reply, failure, { html });
  };
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (the request timeout, malformed
 * requests, oversized headers): answered from the catalogue too, then the connection is closed.
 * There is no request to negotiate a language from, so the message is in both languages.
 */
export function clientErrorHandler(options: SecurityHeaderOptions) {
  const security = Object.entries(baseSecurityHeaders(options))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error: Error & { code?: string }, socket: Socket) => answerClientError(error, socket, security);
}

function answerClientError(error: Error & { code?: string }, socket: Socket, security: string): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request-timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers-too-large'
        : 'invalid-request';
  const status = ERRORS[code].status;
  const body = JSON.stringify({ error: { code, message: `${ERRORS[code].zh} / ${ERRORS[code].en}` } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${security}Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error);
    if (ERRORS[failure.code].status >= 500 && failure.code !== 'probes-busy') {
      logForRequest(request, 'error', { err: error }, 'request failed');
    }
    return sendFailure(request, reply, failure);
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    if (unroutedWantsHtml(request)) {
      const lang = requestLang(request);
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(
          renderErrorPage(lang, {
            title: ERRORS['route-not-found'][lang],
            message: request.url,
            code: 'route-not-found',
          }),
        );
    }
    return sendFailure(request, reply, { code: 'route-not-found', path: request.url.split('?')[0] });
  });

  // Fastify's own answer to requests arriving while it closes is a bare JSON body
  // (return503OnClosing, turned off in app.ts); this is the catalogue's, with the usual headers.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendFailure(request, reply, { code: 'shutting-down', retryAfterSeconds: 1 });
  });
}

export default fp(errorHandler, { name: 'wxprobe-error-handler', dependencies: ['wxprobe-rate-limit'] });
