/**
 * Security headers. Every response: no MIME sniffing, no Referer (report links carry the only key to a
 * report: never leak them to linked sites), no framing. HTML pages also get a strict CSP: only our
 * own script and stylesheet, no inline code, no third-party origin (the SVG charts are inline markup,
 * which a CSP does not restrict). Pages that already set a CSP (Swagger UI) keep theirs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type SecurityHeaderOptions = { hsts: boolean };

/** Headers every response carries, whatever its type (also the raw ones written to the socket). */
export function baseSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (options.hsts) headers['strict-transport-security'] = 'max-age=31536000';
  return headers;
}

/**
 * Sets the headers on a reply of the given type. Called from onSend for every routed response, and
 * directly by the handlers of errors Fastify raises before routing (they run no hooks).
 */
export function applySecurityHeaders(
  reply: FastifyReply,
  options: SecurityHeaderOptions,
  contentType: string,
): void {
  reply.headers(baseSecurityHeaders(options));
  if (contentType.startsWith('text/html')) {
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-frame-options', 'DENY');
    }
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The base headers, for responses written past Fastify's hooks (the SSE stream). */
    baseSecurityHeaders: Record<string, string>;
  }
}

async function securityHeaders(app: FastifyInstance, options: SecurityHeaderOptions) {
  app.decorate('baseSecurityHeaders', baseSecurityHeaders(options));
  app.addHook('onSend', async (_request, reply, payload) => {
    applySecurityHeaders(reply, options, String(reply.getHeader('content-type') ?? ''));
    return payload;
  });
}

export default fp(securityHeaders, { name: 'wxprobe-security-headers' });
