/**
 * Per-client rate limiting (@fastify/rate-limit, in-memory store, keyed by client address — behind
 * a proxy set WXPROBE_TRUST_PROXY so the address comes from X-Forwarded-For). Every route gets the
 * general limit; routes that start a probe declare the stricter `probeRateLimit(config)`. Refusals
 * are catalogue errors (`rate-limited`, 429, Retry-After).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config';
import { ApiError } from '../errors';

const WINDOW_MS = 60_000;

export function probeRateLimit(config: ServerConfig) {
  return { max: config.probeRateLimitPerMinute, timeWindow: WINDOW_MS };
}

async function rateLimitPlugin(app: FastifyInstance, options: { config: ServerConfig }) {
  await app.register(rateLimit, {
    global: true,
    max: options.config.rateLimitPerMinute,
    timeWindow: WINDOW_MS,
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate-limited', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

export default fp(rateLimitPlugin, { name: 'wxprobe-rate-limit' });
