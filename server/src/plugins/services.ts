/**
 * The app's services as decorators, created once per app (never module singletons): the report store
 * and its retention job, the report service (diagnose + store + re-diagnose on read), the probe
 * runner (concurrency bound, operator settings) and the background probe jobs. Closing the app stops
 * new probes, lets running ones store their reports, then closes the store.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config';
import { ProbeJobs } from '../jobs/probe-jobs';
import { ProbeRunner, type ProbeFn } from '../jobs/probe-runner';
import { ReportService, type DiagnoseFn } from '../report/report-service';
import type { ReportStore } from '../store/report-store';
import { startRetention } from '../store/retention';

declare module 'fastify' {
  interface FastifyInstance {
    wxConfig: ServerConfig;
    reports: ReportService;
    probes: ProbeRunner;
    jobs: ProbeJobs;
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
  const jobs = new ProbeJobs(probes, reports, {
    now,
    onError: (error, job) => app.log.error({ err: error, job: job.id }, 'probe job failed'),
  });
  const retention = startRetention({
    store,
    retentionDays: config.retentionDays,
    now,
    onError: (error) => app.log.error({ err: error }, 'retention sweep failed'),
    onSwept: (deleted) => app.log.info({ deleted }, 'retention: old reports deleted'),
  });

  app.decorate('wxConfig', config);
  app.decorate('reports', reports);
  app.decorate('probes', probes);
  app.decorate('jobs', jobs);

  app.addHook('onClose', async () => {
    retention.stop();
    await probes.close();
    await jobs.drain();
    if (options.ownsStore) await store.close();
  });
}

export default fp(services, { name: 'wxprobe-services' });
