/** Assembles the `wxprobe.client/1` document from what the runner recorded. */
import { CLIENT_SCHEMA_ID, type ClientObservation } from '../shared/observations/client';
import type { AttemptRecord } from './attempt';
import type { DomainCheckReading } from './domain-check';
import type { EnvironmentReading } from './environment';
import type { RunConfig } from './run-config';

export const RUNNER_ID = 'wxprobe-miniprogram/0.1.0';

export type RecordedRun = {
  config: RunConfig;
  environment: EnvironmentReading;
  domainCheck: DomainCheckReading;
  attempts: AttemptRecord[];
  startedAt: number;
  finishedAt: number;
  cancelled: boolean;
};

/** The options that were really passed to WeChat for this API (others are not recorded as if used). */
function recordedOptions(config: RunConfig): NonNullable<ClientObservation['options']> {
  const options: NonNullable<ClientObservation['options']> = {
    timeoutMs: config.timeoutMs,
    attempts: config.attempts,
    concurrency: config.concurrency,
  };
  if (config.api === 'request') {
    Object.assign(options, {
      method: config.method,
      enableHttp2: config.enableHttp2,
      enableQuic: config.enableQuic,
      enableCache: config.enableCache,
      enableHttpDNS: config.enableHttpDNS,
      forceCellularNetwork: config.forceCellularNetwork,
    });
    if (config.enableHttpDNS) options.httpDNSServiceId = config.httpDNSServiceId;
  } else if (config.api === 'connectSocket') {
    options.forceCellularNetwork = config.forceCellularNetwork;
  } else {
    Object.assign(options, { enableHttp2: config.enableHttp2, enableQuic: config.enableQuic });
  }
  return options;
}

export function buildClientDocument(run: RecordedRun): ClientObservation {
  const document: ClientObservation = {
    schema: CLIENT_SCHEMA_ID,
    url: run.config.url,
    api: run.config.api,
    env: { ...run.environment, ...run.domainCheck },
    options: recordedOptions(run.config),
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: new Date(run.finishedAt).toISOString(),
    attempts: run.attempts,
    runner: RUNNER_ID,
  };
  if (run.cancelled) document.cancelled = true;
  return document;
}
