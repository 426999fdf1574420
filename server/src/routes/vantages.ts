/**
 * `GET /api/v1/vantages`: the places this server can probe from — `local` (the server itself, unless
 * WXPROBE_LOCAL_PROBE=false) and every agent vantage of WXPROBE_AGENT_TOKENS — with whether an agent
 * of it was heard from lately (agents/agent-registry.ts). In a fleet the heartbeats are shared, so
 * every server gives the same list.
 */
import type { FastifyInstance } from 'fastify';
import { vantageStatuses } from '../agents/agent-registry';
import { LOCAL_VANTAGE } from '../agents/vantage-name';
import type { VantageCatalogue } from '../report/vantage-report';

const vantageSchema = {
  type: 'object',
  required: ['name', 'kind', 'online', 'lastHeartbeatAt', 'agentsOnline', 'inFlight'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    kind: { type: 'string', enum: ['local', 'agent'], description: 'the server itself, or agents' },
    online: { type: 'boolean', description: 'local: always; agent: a heartbeat within the last 30 s' },
    lastHeartbeatAt: { type: 'string', nullable: true, description: 'ISO time; null: never heard from' },
    agentsOnline: { type: 'integer' },
    inFlight: { type: 'integer', description: 'jobs its online agents said they were running' },
  },
} as const;

const vantagesSchema = {
  type: 'object',
  required: ['vantages'],
  additionalProperties: false,
  properties: { vantages: { type: 'array', items: vantageSchema } },
} as const;

/**
 * The vantage names this server accepts in a request: `local` first when it probes, or when it is
 * one of a fleet (another server works the local queue), then the agents' ones.
 */
export function knownVantages(app: FastifyInstance): string[] {
  const local = app.wxConfig.localProbe || app.wxConfig.databaseUrl !== null;
  return [...(local ? [LOCAL_VANTAGE] : []), ...app.agents.tokens.vantages];
}

/** What a request's `vantages` is checked against; `"all"` means the known ones online now. */
export function vantageCatalogue(app: FastifyInstance): VantageCatalogue {
  return {
    known: () => knownVantages(app),
    online: async () => {
      const statuses = vantageStatuses(
        app.agents.tokens.vantages,
        await app.agents.registry.list(),
        app.agents.now(),
      );
      const local = knownVantages(app).includes(LOCAL_VANTAGE) ? [LOCAL_VANTAGE] : [];
      return [...local, ...statuses.filter((s) => s.online).map((s) => s.name)];
    },
  };
}

export default async function vantageRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/vantages',
    {
      schema: {
        tags: ['agents'],
        summary: '探测点及其在线状态 / vantages and whether their agents are online',
        response: { 200: vantagesSchema },
      },
    },
    async (_request, reply) => {
      const now = app.agents.now();
      const agents = vantageStatuses(app.agents.tokens.vantages, await app.agents.registry.list(), now);
      reply.header('cache-control', 'no-store');
      return {
        vantages: [
          ...(app.wxConfig.localProbe
            ? [
                {
                  name: LOCAL_VANTAGE,
                  kind: 'local' as const,
                  online: true,
                  lastHeartbeatAt: null,
                  agentsOnline: 0,
                  inFlight: app.probes.runningCount,
                },
              ]
            : []),
          ...agents.map((s) => ({
            ...s,
            kind: 'agent' as const,
            lastHeartbeatAt: s.lastHeartbeatAt === null ? null : new Date(s.lastHeartbeatAt).toISOString(),
          })),
        ],
      };
    },
  );
}
