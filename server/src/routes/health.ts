/** `GET /healthz`: the process answers, the store answers, and how full the probe slots are. */
import type { FastifyInstance } from 'fastify';

const healthSchema = {
  type: 'object',
  required: ['status', 'rulesVersion', 'probes', 'uptimeSeconds'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    rulesVersion: { type: 'string' },
    probes: {
      type: 'object',
      required: ['running', 'max'],
      additionalProperties: false,
      properties: { running: { type: 'integer' }, max: { type: 'integer' } },
    },
    uptimeSeconds: { type: 'number' },
    storeError: { type: 'string' },
  },
} as const;

export default async function healthRoutes(app: FastifyInstance) {
  const startedAt = Date.now();
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: '健康检查 / health check',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const body = {
        status: 'ok' as 'ok' | 'degraded',
        rulesVersion: app.reports.rulesVersion,
        probes: { running: app.probes.runningCount, max: app.probes.maxConcurrent },
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
      reply.header('cache-control', 'no-store');
      try {
        await app.reports.ping();
        return body;
      } catch (error) {
        reply.code(503);
        return { ...body, status: 'degraded' as const, storeError: (error as Error).message };
      }
    },
  );
}
