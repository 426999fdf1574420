/**
 * The server's log: pino JSON lines (stdout unless a test passes a destination), agent tokens
 * redacted whatever a serializer adds later.
 *
 * At `info` and below Fastify logs every request ("incoming request", "request completed") through a
 * child logger it makes for each one. At `warn` and above none of those lines is written, yet
 * Fastify's per-request logger still costs about a fifth of a cached report read (npm run bench,
 * GET /api/v1/reports/:id on SQLite: 11.2k → 14.1k req/s without it, median of 6 interleaved runs).
 * So at those levels Fastify gets no logger of its own and this one is set as `app.log`; the places
 * that log while answering a request do it through `logForRequest`, with the request id, at every
 * level alike. What goes unlogged at `warn` and above: Fastify's own per-request warnings about
 * programming errors (a reply sent twice), which tests catch.
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { ServerConfig } from './config';

const REDACT = ['req.headers.authorization', 'headers.authorization'];

/** The levels at which Fastify's per-request lines are written (and so worth its request logger). */
const REQUEST_LINE_LEVELS: ReadonlySet<ServerConfig['logLevel']> = new Set(['info', 'debug', 'trace']);

export type ServerLog = {
  /** The log itself; null when the level is `silent`. */
  logger: FastifyBaseLogger | null;
  /** Whether Fastify is given it for per-request logging (`loggerInstance`), or none (`logger: false`). */
  perRequest: boolean;
};

export function serverLog(level: ServerConfig['logLevel'], destination?: DestinationStream): ServerLog {
  if (level === 'silent') return { logger: null, perRequest: false };
  const options = { level, redact: REDACT };
  const logger = destination ? pino(options, destination) : pino(options);
  return { logger, perRequest: REQUEST_LINE_LEVELS.has(level) };
}

/**
 * A line logged while answering `request`: through the server's log with the request id (`reqId`,
 * the field Fastify's request logger binds), so it is written, and reads alike, at every level.
 */
export function logForRequest(
  request: FastifyRequest,
  level: 'error' | 'warn',
  fields: Record<string, unknown>,
  message: string,
): void {
  request.server.log[level]({ ...fields, reqId: request.id }, message);
}
