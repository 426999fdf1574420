/** Assembles the `wxprobe.client/1` document from what the runner recorded. */
import {
  CLIENT_SCHEMA_ID,
  type BackgroundSpan,
  type ClientObservation,
  type NetworkEvent,
  type NotApplied,
} from '../shared/observations/client';
import type { AttemptRecord } from './attempt';
import type { DomainCheckReading } from './domain-check';
import type { EnvironmentReading } from './environment';
import { configuredNetworkOptions, type NetworkOptions } from './option-support';
import type { Variant } from './plan';
import type { RunConfig } from './run-config';

export const RUNNER_ID = 'wxprobe-miniprogram/0.2.0';

export type RecordedRun = {
  config: RunConfig;
  environment: EnvironmentReading;
  domainCheck: DomainCheckReading;
  attempts: AttemptRecord[];
  startedAt: number;
  finishedAt: number;
  cancelled: boolean;
  /** requested vs applied network-path options; absent in runs recorded without the host check */
  options?: { requested: NetworkOptions; applied: NetworkOptions; notApplied: NotApplied[] };
  variants?: Variant[];
  background?: BackgroundSpan[];
  networkEvents?: NetworkEvent[];
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
      ...configuredNetworkOptions(config),
      dataType: config.dataType,
      responseType: config.responseType,
    });
    if (config.enableHttpDNS) options.httpDNSServiceId = config.httpDNSServiceId;
    if (Object.keys(config.header).length) options.header = { ...config.header };
    if (config.body !== '') options.bodyBytes = config.body.length;
  } else if (config.api === 'connectSocket') {
    options.forceCellularNetwork = config.forceCellularNetwork;
  } else {
    Object.assign(options, { enableHttp2: config.enableHttp2, enableQuic: config.enableQuic });
  }
  if (config.controlUrl !== '') options.controlUrl = config.controlUrl;
  return options;
}

export function buildClientDocument(run: RecordedRun): ClientObservation {
  const options = recordedOptions(run.config);
  if (run.options) {
    options.requested = { ...run.options.requested };
    options.applied = { ...run.options.applied };
    if (run.options.notApplied.length) options.notApplied = run.options.notApplied;
  }
  if (run.variants?.length)
    options.variants = run.variants.map((v) => ({ id: v.id, options: { ...v.options } }));
  const document: ClientObservation = {
    schema: CLIENT_SCHEMA_ID,
    url: run.config.url,
    api: run.config.api,
    env: { ...run.environment, ...run.domainCheck },
    options,
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: new Date(run.finishedAt).toISOString(),
    attempts: run.attempts,
    runner: RUNNER_ID,
  };
  if (run.background?.length) document.background = run.background;
  if (run.networkEvents?.length) document.networkEvents = run.networkEvents;
  if (run.cancelled) document.cancelled = true;
  return document;
}
