/**
 * The agent side of a server, as one `app.agents` decorator: who the agents are (tokens), when they
 * were last heard from (registry), and their jobs (a source plus `enqueue`). In memory for a single
 * SQLite server; on the fleet's database and pg-boss queues with WXPROBE_DATABASE_URL.
 */
import type { ServerConfig } from '../config';
import { PgAgentJobs } from '../queue/agent-jobs-pg';
import type { PgFleet } from '../queue/pg-fleet';
import { queueTimingFor } from '../queue/pg-fleet';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import { AgentTokens } from './agent-auth';
import { MemoryAgentRegistry, PgAgentRegistry, type AgentRegistry } from './agent-registry';
import type { AgentJobSource, DeliverResult } from './job-source';
import { MemoryAgentJobSource } from './memory-job-source';

/** A job source that also takes jobs (what the fan-out of a report to vantages calls). */
export type AgentJobs = AgentJobSource & {
  enqueue(job: ProbeJobData): Promise<{ jobId: string; created: boolean }>;
};

export type AgentServices = {
  tokens: AgentTokens;
  registry: AgentRegistry;
  jobs: AgentJobs;
  now: () => number;
  close(): Promise<void>;
};

declare module 'fastify' {
  interface FastifyInstance {
    agents: AgentServices;
  }
}

export type AgentServicesOptions = {
  config: Pick<ServerConfig, 'agentTokens' | 'databaseUrl' | 'probeTotalTimeoutMs'>;
  /** The fleet when WXPROBE_DATABASE_URL is set (its store ran the heartbeat table's migration). */
  fleet?: PgFleet;
  deliver: DeliverResult;
  now: () => number;
  /** In memory: how long an agent may hold a job, and tries after the first (the fleet: pg-boss's settings). */
  expireMs?: number;
  retryLimit?: number;
  onError: (error: Error, what: string) => void;
};

export function createAgentServices(options: AgentServicesOptions): AgentServices {
  const { config, fleet, deliver, now } = options;
  const tokens = new AgentTokens(config.agentTokens);
  if (fleet && config.databaseUrl) {
    const registry = PgAgentRegistry.open({
      connectionString: config.databaseUrl,
      now,
      onIdleError: (error) => options.onError(error, 'agent registry connection'),
    });
    const source = new PgAgentJobs({ queue: fleet.queue, deliver, now });
    const jobs: AgentJobs = {
      claim: (vantage, waitMs, signal) => source.claim(vantage, waitMs, signal),
      submit: (vantage, jobId, result) => source.submit(vantage, jobId, result),
      enqueue: (job) => fleet.queue.enqueue(job),
    };
    return { tokens, registry, jobs, now, close: () => registry.close() };
  }
  const source = new MemoryAgentJobSource({
    deliver,
    expireMs: options.expireMs ?? queueTimingFor(config.probeTotalTimeoutMs).expireInSeconds * 1000,
    ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }),
    now,
    onError: (error, job) => options.onError(error, `delivering the failure of report ${job.reportId}`),
  });
  const jobs: AgentJobs = {
    claim: (vantage, waitMs, signal) => source.claim(vantage, waitMs, signal),
    submit: (vantage, jobId, result) => source.submit(vantage, jobId, result),
    enqueue: async (job) => source.enqueue(job),
  };
  return {
    tokens,
    registry: new MemoryAgentRegistry(now),
    jobs,
    now,
    close: async () => source.close(),
  };
}
