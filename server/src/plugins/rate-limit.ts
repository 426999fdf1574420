/**
 * Per-client rate limiting (@fastify/rate-limit, in-memory store, keyed by client address — behind
 * a proxy set WXPROBE_TRUST_PROXY so the address comes from X-Forwarded-For). Every request counts
 * against the general limit (onRequest, every route). A request that will make the server do network
 * work also counts against the stricter probe limit: routes that can start a probe run
 * `app.probeRateLimit` as a preHandler, which charges the request only if its (validated) body does
 * not say `options.probe: false` — a client-only upload is an ordinary API call. The probe counter is
 * one for all those routes, so no entry point multiplies a client's probes. Refusals are catalogue
 * errors (`rate-limited`, 429, Retry-After).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config';
import { ApiError } from '../errors';

const WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for probe-starting routes: charges the probe limit when the request will probe. */
    probeRateLimit: (request: FastifyRequest) => Promise<void>;
    /**
     * For routes exempt from the general limit (the agents'): charges a request whose credentials were
     * refused, so guessing tokens is as slow as any API use, while a known agent is never limited.
     */
    authFailureRateLimit: (request: FastifyRequest) => Promise<void>;
  }
}

/** False only for a body that asks for no probe (a client-only upload); the form always probes. */
function startsProbe(body: unknown): boolean {
  const options = (body as { options?: { probe?: unknown } } | null | undefined)?.options;
  return options?.probe !== false;
}

function refusal(ttlMs: number): ApiError {
  return new ApiError('rate-limited', { retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) });
}

async function rateLimitPlugin(app: FastifyInstance, options: { config: ServerConfig }) {
  await app.register(rateLimit, {
    global: true,
    max: options.config.rateLimitPerMinute,
    timeWindow: WINDOW_MS,
    errorResponseBuilder: (_request, context) => refusal(context.ttl),
  });
  const probeLimiter = app.createRateLimit({
    max: options.config.probeRateLimitPerMinute,
    timeWindow: WINDOW_MS,
  });
  app.decorate('probeRateLimit', async (request: FastifyRequest) => {
    if (!startsProbe(request.body)) return;
    const result = await probeLimiter(request);
    if (!result.isAllowed && result.isExceeded) throw refusal(result.ttl);
  });
  const authFailureLimiter = app.createRateLimit({
    max: options.config.rateLimitPerMinute,
    timeWindow: WINDOW_MS,
  });
  app.decorate('authFailureRateLimit', async (request: FastifyRequest) => {
    const result = await authFailureLimiter(request);
    if (!result.isAllowed && result.isExceeded) throw refusal(result.ttl);
  });
}

export default fp(rateLimitPlugin, { name: 'wxprobe-rate-limit' });
