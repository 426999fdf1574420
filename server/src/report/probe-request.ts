/**
 * What every probe-starting entry point (API reports, API probes, the no-script form) checks and
 * derives the same way: the URL must parse with a scheme WeChat could use, and the probe options are
 * the request's within the server's limits, the server's defaults otherwise.
 */
import type { ServerConfig } from '../config';
import { ApiError } from '../errors';
import type { ServerProbeOptions } from '../jobs/probe-runner';
import { urlFacts } from '../probe/url-facts';

export type RequestedProbeOptions = {
  attempts?: number;
  timeoutMs?: number;
  controlSni?: string;
  httpPort?: number;
};

/**
 * Throws `invalid-url` (with `path`) for a URL the probe could not even start on: the probe's own
 * URL reading (shared/url) decides, so the API never accepts a URL the probe then calls malformed.
 */
export function checkTargetUrl(url: string, path = '/body/url'): void {
  const target = urlFacts(url);
  if (target.error === null) return;
  const detail = target.scheme === '' ? url.slice(0, 200) : `scheme ${target.scheme}:`;
  throw new ApiError('invalid-url', { path, detail });
}

export function probeOptionsFor(requested: RequestedProbeOptions | undefined, config: ServerConfig) {
  const attempts = requested?.attempts ?? config.defaultAttempts;
  if (attempts > config.maxAttempts || attempts < 1) {
    throw new ApiError('attempts-too-many', {
      path: '/body/options/attempts',
      detail: `1..${config.maxAttempts}`,
    });
  }
  const options: ServerProbeOptions = {
    attempts,
    timeoutMs: Math.min(requested?.timeoutMs ?? config.probeTimeoutMs, config.probeTotalTimeoutMs),
  };
  const controlSni = requested?.controlSni ?? config.controlSni;
  if (controlSni) options.controlSni = controlSni;
  if (requested?.httpPort !== undefined) options.httpPort = requested.httpPort;
  return options;
}
