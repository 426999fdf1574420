/**
 * Security headers. Every response: no MIME sniffing, no Referer (report links carry the only key to a
 * report: never leak them to linked sites), no framing. HTML pages also get a strict CSP: only our
 * own script and stylesheet, no inline code, no third-party origin (the SVG charts are inline markup,
 * which a CSP does not restrict). Pages that already set a CSP (Swagger UI) keep theirs.
 */
import type { FastifyInstance } from 'fastify';
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

async function securityHeaders(app: FastifyInstance, options: { hsts: boolean }) {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (options.hsts) reply.header('strict-transport-security', 'max-age=31536000');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) {
        reply.header('content-security-policy', PAGE_CSP);
        reply.header('x-frame-options', 'DENY');
      }
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    }
    return payload;
  });
}

export default fp(securityHeaders, { name: 'wxprobe-security-headers' });
