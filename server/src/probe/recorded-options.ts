/**
 * What an observation records of the options the probe ran with (`options`, described field by field
 * by recordedOptionsSchema): enough to rerun it or judge it, and nothing secret — of the extra roots
 * only their count, of the extra headers only their names (values may carry credentials).
 */
import type { RecordedOptions } from '../../../shared/observations/probe';
import type { ProbeOptions } from './probe';

export function recordedOptions(options: ProbeOptions): RecordedOptions {
  return {
    attempts: options.attempts,
    attemptMode: options.attemptMode,
    timeoutMs: options.timeoutMs,
    totalTimeoutMs: options.totalTimeoutMs,
    controlSni: options.controlSni,
    method: options.method,
    dnsServer: options.dnsServer,
    allowPrivate: options.allowPrivate,
    allowCidrs: options.allowCidrs,
    resolve: options.resolve.map((r) => `${r.host}:${r.port}:${r.address}`),
    caCount: options.ca.length,
    httpPort: options.httpPort,
    headerNames: Object.keys(options.headers),
  };
}
