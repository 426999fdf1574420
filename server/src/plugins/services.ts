/**
 * The app's services as decorators, created once per app (never module singletons): the report store
 * and its retention job, the report service (diagnose + store + re-diagnose on read), the probe
 * runner (concurrency bound, operator settings) and the probe jobs — in this process, or, with a
 * PostgreSQL fleet, on its queue (and this process works the `local` vantage's queue unless told
 * not to). Closing the app stops new probes, lets running ones store their reports, then closes the
 * store (and the fleet's connections).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createAgentServices } from '../agents/agent-services';
import type { DeliverResult } from '../agents/job-source';
import type { ServerConfig } from '../config';
import { ProbeJobs, type ProbeJobService } from '../jobs/probe-jobs';
import { ProbeRunner, type ProbeFn } from '../jobs/probe-runner';
import { ReportService, type DiagnoseFn } from '../report/report-service';
import { ReportReadCache } from '../routes/reports-read-cache';
import type { PgFleet } from '../queue/pg-fleet';
import type { ProbeWorker } from '../queue/probe-queue-pg';
import { QueuedProbeJobs, startLocalProbeWorker } from '../queue/queued-probe-jobs';
import type { ReportStore } from '../store/report-store';
import { startRetention } from '../store/retention';
import { PgVantageAssembly } from '../queue/vantage-assembly-pg';
import { VantageCollector } from '../jobs/vantage-collector';

/** Waited beyond a probe's budget for an agent's answer to travel back to a server. */
const AGENT_GRACE_MS = 5000;

/** Memory for built report answers and pages: a few hundred typical reports (pages are capped at 2 MB). */
const READ_CACHE_BYTES = 64 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    wxConfig: ServerConfig;
    reports: ReportService;
    probes: ProbeRunner;
    jobs: ProbeJobService;
    /** Built report answers and pages, per rules version, with their ETags. */
    reportReads: ReportReadCache;
  }
}

export type ServicesOptions = {
  config: ServerConfig;
  store: ReportStore;
  /** Close the store with the app (false when the caller passed its own store in). */
  ownsStore: boolean;
  probe: ProbeFn;
  diagnose: DiagnoseFn;
  rulesVersion: string;
  now: () => number;
  /** The PostgreSQL fleet (queue, slots, progress) when WXPROBE_DATABASE_URL is set; closed with the app. */
  fleet?: PgFleet;
  /** Where agents' accepted results go (the report assembly); without one they are logged and dropped. */
  deliverAgentResult?: DeliverResult;
  /** In-memory agent jobs only: how long an agent may hold a job, and tries after the first. */
  agentJobTiming?: { expireMs?: number; retryLimit?: number };
};

async function services(app: FastifyInstance, options: ServicesOptions) {
  const { config, store, now } = options;
  const reports = new ReportService(store, options.diagnose, options.rulesVersion, now);
  const probes = new ProbeRunner({
    maxConcurrent: config.maxProbes,
    probe: options.probe,
    totalTimeoutMs: config.probeTotalTimeoutMs,
    baseOptions: {
      dnsServer: config.dnsServer,
      ca: config.caPem,
      allowPrivate: config.allowPrivate,
      allowCidrs: config.allowCidrs,
    },
    now,
  });
  const { fleet } = options;
  let worker: ProbeWorker | null = null;
  let assemblyWorker: ProbeWorker | null = null;
  let jobs!: ProbeJobService;
  // Agents' answers go to the report they belong to: put together on the fleet's database, or
  // collected in this process.
  let deliver: DeliverResult;
  let assembly: PgVantageAssembly | null = null;
  const collector = new VantageCollector(now);
  if (fleet) {
    assembly = new PgVantageAssembly({
      store: fleet.store,
      queue: fleet.queue,
      hub: fleet.hub,
      reports,
      // A vantage still being worked at the deadline: its expiry, the sweep, and a probe's budget again.
      postponeMs:
        (fleet.timing.expireInSeconds + fleet.timing.maintenanceIntervalSeconds) * 1000 +
        config.probeTotalTimeoutMs,
      now,
      onError: (error, report) => app.log.error({ err: error, report }, 'vantage assembly failed'),
    });
    assemblyWorker = await assembly.work();
    const assembled = assembly;
    deliver = (job, result) => assembled.record(job, result);
    jobs = new QueuedProbeJobs({
      queue: fleet.queue,
      hub: fleet.hub,
      reports,
      assembly,
      budgetMs: config.probeTotalTimeoutMs,
      graceMs: AGENT_GRACE_MS,
      lateAnswerMs: assembly.postponeMs,
      // As many waiting as may run: a burst queues briefly, a flood is refused.
      maxBacklog: 2 * config.maxProbes,
      retryAfterSeconds: Math.max(1, Math.ceil(config.probeTimeoutMs / 1000)),
      // Behind a full fleet, then once more after a dead worker's job has expired.
      waitMs:
        2 * config.probeTotalTimeoutMs +
        (fleet.timing.expireInSeconds + fleet.timing.maintenanceIntervalSeconds) * 1000,
      now,
      onError: (error) => app.log.error({ err: error }, 'probe job follower failed'),
    });
    if (config.localProbe) {
      worker = await startLocalProbeWorker({
        queue: fleet.queue,
        slots: fleet.slots,
        hub: fleet.hub,
        store,
        reports,
        assembly,
        runner: probes,
        concurrency: config.maxProbes,
        now,
        onError: (error, job) => app.log.error({ err: error, job }, 'probe job failed'),
      });
    }
  } else {
    deliver = collector.deliver;
  }
  const agents = createAgentServices({
    config,
    ...(fleet ? { fleet } : {}),
    deliver: options.deliverAgentResult ?? deliver,
    now,
    ...options.agentJobTiming,
    onError: (error, what) => app.log.error({ err: error }, `${what} failed`),
  });
  if (!fleet) {
    // In one process the agents' jobs wait in memory; their answers reach the collector.
    jobs = new ProbeJobs(probes, reports, {
      now,
      onError: (error, job) => app.log.error({ err: error, job: job.id }, 'probe job failed'),
      fanout: { dispatch: agents.jobs, collector, graceMs: AGENT_GRACE_MS },
    });
  }
  const retention = startRetention({
    store,
    retentionDays: config.retentionDays,
    now,
    onError: (error) => app.log.error({ err: error }, 'retention sweep failed'),
    onSwept: (deleted) => app.log.info({ deleted }, 'retention: old reports deleted'),
  });

  app.decorate('wxConfig', config);
  app.decorate('agents', agents);
  app.decorate('reports', reports);
  app.decorate('probes', probes);
  app.decorate('jobs', jobs);
  app.decorate(
    'reportReads',
    new ReportReadCache({
      rulesVersion: options.rulesVersion,
      maxBytes: READ_CACHE_BYTES,
      retentionMs: config.retentionDays === 0 ? null : config.retentionDays * 24 * 3600_000,
      now,
    }),
  );

  app.addHook('onClose', async () => {
    retention.stop();
    // The worker first: it fetches no new job, and its running probes are aborted and store what
    // they saw, as in-process ones are (below).
    await worker?.stop({ wait: false });
    await assemblyWorker?.stop();
    await probes.close();
    await jobs.drain();
    await agents.close();
    if (fleet) await fleet.close();
    else if (options.ownsStore) await store.close();
  });
}

export default fp(services, { name: 'wxprobe-services' });
