/**
 * `buildApp(config, deps?)`: the whole server as a Fastify instance — plugins, then routes — without
 * listening (main.ts listens; tests use `app.inject`). Dependencies default to the real ones: the
 * real probe, the real diagnosis, SQLite at config.dbPath — or, with config.databaseUrl, the
 * PostgreSQL fleet (store, probe queue, slots, progress). Tests may inject another store or clock;
 * they run the real probe against the lab.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { RULES_VERSION, diagnose } from '../../shared/diagnose/diagnose';
import type { DeliverResult } from './agents/job-source';
import type { ServerConfig } from './config';
import type { ProbeFn } from './jobs/probe-runner';
import allowedMethods, { methodNotAllowedRoutes } from './plugins/allowed-methods';
import errorHandler, { clientErrorHandler, frameworkErrorHandler } from './plugins/error-handler';
import jsonBody from './plugins/json-body';
import rateLimit from './plugins/rate-limit';
import securityHeaders from './plugins/security-headers';
import services from './plugins/services';
import swagger from './plugins/swagger';
import { probeTarget } from './probe/probe';
import type { DiagnoseFn } from './report/report-service';
import agentRoutes from './routes/agents';
import classifyRoutes from './routes/classify';
import healthRoutes from './routes/health';
import probeRoutes from './routes/probes';
import reportRoutes from './routes/reports';
import vantageRoutes from './routes/vantages';
import webRoutes from './routes/web';
import { openPgFleet } from './queue/pg-fleet';
import type { ReportStore } from './store/report-store';
import { openSqliteReportStore } from './store/report-store-sqlite';
import { serverLog } from './server-log';

export type AppDeps = {
  probe?: ProbeFn;
  store?: ReportStore;
  diagnose?: DiagnoseFn;
  rulesVersion?: string;
  now?: () => number;
  /** Where agents' accepted results go (services.ts); the integrator's report assembly. */
  deliverAgentResult?: DeliverResult;
  /** In-memory agent jobs: expiry and tries (tests shorten them). */
  agentJobTiming?: { expireMs?: number; retryLimit?: number };
  /** Where log lines go (stdout by default; tests read them). */
  logDestination?: DestinationStream;
};

export async function buildApp(config: ServerConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const security = { hsts: config.publicUrl?.startsWith('https://') ?? false };
  const log = serverLog(config.logLevel, deps.logDestination);
  const app = Fastify({
    // Fastify's request logger only where its lines are written (server-log.ts).
    ...(log.perRequest && log.logger ? { loggerInstance: log.logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    // Slow-client protection: the whole request must arrive in time. Responses may take longer
    // (a probe runs up to probeTotalTimeoutMs; SSE streams stay open), so no socket idle timeout.
    requestTimeout: config.requestTimeoutMs,
    http: {
      // Node enforces requestTimeout only when headersTimeout is not longer, and checks both only
      // every connectionsCheckingInterval (default 30 s): set all three together.
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 15_000),
      connectionsCheckingInterval: Math.max(250, Math.min(5000, config.requestTimeoutMs / 4)),
    },
    clientErrorHandler: clientErrorHandler(security),
    // URLs Fastify cannot route (bad percent-encoding, over-long parameters) get catalogue errors too.
    frameworkErrors: frameworkErrorHandler(security),
    connectionTimeout: 0,
    keepAliveTimeout: 10_000,
    trustProxy: config.trustProxy,
    // The error handler answers requests that arrive while closing (catalogue 503, same headers).
    return503OnClosing: false,
    forceCloseConnections: true,
    // Observations are evidence: never coerce or silently drop what a client sent.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  // Without a request logger Fastify's own is a no-op: the server's log is app.log all the same.
  if (!log.perRequest && log.logger) app.log = log.logger;

  const fleet = config.databaseUrl
    ? await openPgFleet(config, (error, what) => app.log.error({ err: error }, `${what} failed`))
    : undefined;
  const store = deps.store ?? fleet?.store ?? openSqliteReportStore(config.dbPath);
  await app.register(securityHeaders, security);
  await app.register(allowedMethods);
  await app.register(rateLimit, { config });
  await app.register(errorHandler);
  await app.register(jsonBody, { limits: { maxDepth: config.maxJsonDepth, maxNodes: config.maxJsonNodes } });
  await app.register(swagger);
  await app.register(services, {
    config,
    store,
    ownsStore: deps.store === undefined,
    ...(fleet ? { fleet } : {}),
    probe: deps.probe ?? probeTarget,
    diagnose: deps.diagnose ?? diagnose,
    rulesVersion: deps.rulesVersion ?? RULES_VERSION,
    now: deps.now ?? Date.now,
    ...(deps.deliverAgentResult ? { deliverAgentResult: deps.deliverAgentResult } : {}),
    ...(deps.agentJobTiming ? { agentJobTiming: deps.agentJobTiming } : {}),
  });

  await app.register(healthRoutes);
  await app.register(reportRoutes);
  await app.register(probeRoutes);
  await app.register(classifyRoutes);
  await app.register(vantageRoutes);
  await app.register(agentRoutes);
  await app.register(webRoutes);
  // Last: it gives the other methods of every path above a 405 route.
  await app.register(methodNotAllowedRoutes);
  return app;
}
