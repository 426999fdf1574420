/**
 * The routes agents call (`wxprobe agent`), all with `Authorization: Bearer <token>`; the token
 * decides the vantage (agents/agent-auth.ts), checked before anything else, so a bad token gets 401
 * and is never handed a job. The agent opens every connection (no inbound port on its side):
 *
 * - `GET /api/v1/agent/jobs/next?waitSeconds=N` long-polls (default 25 s, at most 55, under the
 *   usual 60 s proxy timeouts) for the vantage's next job: 200 with it, 204 when none came.
 * - `POST /api/v1/agent/jobs/:jobId/result` with `{probe}` (a whole `wxprobe.probe` observation,
 *   validated by its schema) or `{error}`: 204, or 409 `agent-job-unknown` when the claim is no
 *   longer live (finished, or expired and handed to another agent).
 * - `POST /api/v1/agent/heartbeat` with the agent's version and jobs in flight: 200 with the
 *   vantage its token belongs to (so the agent can say where it probes from).
 *
 * Every call counts as a heartbeat. Agents are not rate limited (they are few, known by token, and a
 * busy one makes many calls); refused tokens are, like any API request (`authFailureRateLimit`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { probeObservationSchema } from '../../../shared/observations/probe';
import { HEARTBEAT_INTERVAL_MS } from '../agents/agent-registry';
import type { AgentResult } from '../agents/job-source';
import { ApiError, errorResponses } from '../errors';
import { logForRequest } from '../server-log';

/** Long-polls end before the common 60 s idle timeout of proxies in front of the server. */
export const MAX_WAIT_SECONDS = 55;
export const DEFAULT_WAIT_SECONDS = 25;
/** A probe observation of 30 attempts per variant, with chains, stays far below this. */
const RESULT_BODY_LIMIT = 8 * 1024 * 1024;

const AGENT_ID_HEADER = 'wxprobe-agent-id';
const agentHeadersSchema = {
  type: 'object',
  properties: {
    [AGENT_ID_HEADER]: {
      type: 'string',
      pattern: '^[A-Za-z0-9._-]{1,64}$',
      description: 'the agent process, when several share a vantage (default: one per vantage)',
    },
  },
} as const;

const agentJobSchema = {
  type: 'object',
  required: ['jobId', 'reportId', 'vantage', 'url', 'options', 'deadlineAt'],
  additionalProperties: false,
  properties: {
    jobId: { type: 'string', description: 'this claim of the job; answer under it' },
    reportId: { type: 'string' },
    vantage: { type: 'string' },
    url: { type: 'string' },
    options: {
      type: 'object',
      additionalProperties: true,
      description: 'requested probe options; the agent adds its own operator settings',
    },
    deadlineAt: {
      type: 'number',
      nullable: true,
      description: 'ms epoch after which the answer is not used',
    },
  },
} as const;

const resultBodySchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  description: 'exactly one of probe or error',
  properties: {
    probe: probeObservationSchema,
    error: { type: 'string', minLength: 1, maxLength: 2000, description: 'why the agent could not probe' },
  },
} as const;

const heartbeatBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'string', maxLength: 64 },
    inFlight: { type: 'integer', minimum: 0, maximum: 100_000 },
  },
} as const;

type AgentHeaders = { [AGENT_ID_HEADER]?: string };

function vantageOf(request: FastifyRequest): string {
  // the auth hook ran first: this is only unset if a route forgot it
  if (request.agentVantage === undefined) throw new ApiError('agent-unauthorized');
  return request.agentVantage;
}

function agentIdOf(request: FastifyRequest<{ Headers: AgentHeaders }>): string {
  return request.headers[AGENT_ID_HEADER] ?? 'default';
}

/** Aborted when the agent hangs up or the server starts closing. */
function requestSignal(reply: FastifyReply, closing: AbortSignal): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  return AbortSignal.any([gone.signal, closing]);
}

export default async function agentRoutes(app: FastifyInstance) {
  const { agents } = app;
  const closing = new AbortController();
  // Before Fastify waits for running requests: a waiting long-poll answers 204 at once.
  app.addHook('preClose', async () => closing.abort());
  const common = {
    onRequest: async (request: FastifyRequest) => {
      try {
        await agents.tokens.authenticate(request);
      } catch (error) {
        await app.authFailureRateLimit(request);
        throw error;
      }
    },
    config: { rateLimit: false },
  } as const;
  const heard = (request: FastifyRequest<{ Headers: AgentHeaders }>, beat = {}) =>
    agents.registry
      .beat({ vantage: vantageOf(request), agentId: agentIdOf(request), ...beat })
      .catch((error: unknown) =>
        logForRequest(request, 'warn', { err: error }, 'agent heartbeat not recorded'),
      );

  app.get<{ Querystring: { waitSeconds?: string }; Headers: AgentHeaders }>(
    '/api/v1/agent/jobs/next',
    {
      ...common,
      schema: {
        tags: ['agents'],
        summary: '探测代理：等待本探测点的下一个任务 / agent: wait for the next job of its vantage',
        description:
          'Long-poll. 200 with the job, 204 when none came within waitSeconds. The token decides the vantage.',
        security: [{ agentToken: [] }],
        headers: agentHeadersSchema,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            // a query string is text (types are never coerced here): whole seconds 0..55
            waitSeconds: {
              type: 'string',
              pattern: '^(?:[0-9]|[1-4][0-9]|5[0-5])$',
              description: `seconds to wait for a job, 0-${MAX_WAIT_SECONDS} (default ${DEFAULT_WAIT_SECONDS})`,
            },
          },
        },
        response: {
          200: agentJobSchema,
          204: { type: 'null', description: 'no job came in time' },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const vantage = vantageOf(request);
      await heard(request);
      const waitMs = Number(request.query.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
      const job = await agents.jobs.claim(vantage, waitMs, requestSignal(reply, closing.signal));
      reply.header('cache-control', 'no-store');
      if (!job) return reply.code(204).send();
      return job;
    },
  );

  app.post<{ Params: { jobId: string }; Body: AgentResult; Headers: AgentHeaders }>(
    '/api/v1/agent/jobs/:jobId/result',
    {
      ...common,
      bodyLimit: Math.max(app.wxConfig.bodyLimitBytes, RESULT_BODY_LIMIT),
      schema: {
        tags: ['agents'],
        summary: '探测代理：提交任务结果 / agent: answer a job',
        description:
          '`{probe}`: the raw wxprobe.probe observation; `{error}`: the agent could not probe. 409 when the claim is no longer live.',
        security: [{ agentToken: [] }],
        headers: agentHeadersSchema,
        params: {
          type: 'object',
          required: ['jobId'],
          additionalProperties: false,
          properties: { jobId: { type: 'string', maxLength: 64 } },
        },
        body: resultBodySchema,
        response: {
          204: { type: 'null', description: 'accepted' },
          ...errorResponses(400, 401, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const vantage = vantageOf(request);
      await heard(request);
      const answer = await agents.jobs.submit(vantage, request.params.jobId, request.body);
      if (answer === 'unknown-job') throw new ApiError('agent-job-unknown');
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { version?: string; inFlight?: number }; Headers: AgentHeaders }>(
    '/api/v1/agent/heartbeat',
    {
      ...common,
      schema: {
        tags: ['agents'],
        summary: '探测代理：心跳 / agent: heartbeat',
        security: [{ agentToken: [] }],
        headers: agentHeadersSchema,
        body: heartbeatBodySchema,
        response: {
          200: {
            type: 'object',
            required: ['vantage', 'heartbeatIntervalSeconds'],
            additionalProperties: false,
            properties: {
              vantage: { type: 'string', description: 'the vantage the token belongs to' },
              heartbeatIntervalSeconds: { type: 'integer' },
            },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const { version, inFlight } = request.body;
      await heard(request, {
        ...(version === undefined ? {} : { version }),
        ...(inFlight === undefined ? {} : { inFlight }),
      });
      reply.header('cache-control', 'no-store');
      return { vantage: vantageOf(request), heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_MS / 1000 };
    },
  );
}
