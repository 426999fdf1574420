/**
 * What every probe-starting entry point (API reports, API probes, the no-script form) checks and
 * derives the same way: the URL must parse with a scheme WeChat could use, and the probe options are
 * the request's within the server's limits, the server's defaults otherwise. The options are read
 * by the parsers the CLI and the environment use (probe-options/), so a value refused there is
 * refused here with the same words.
 */
import type { ServerConfig } from '../config';
import { ApiError } from '../errors';
import {
  API_OPTION_KEYS,
  API_TIMEOUT_MAX_MS,
  OPTION_RANGES,
  type ApiProbeOptions,
  type IntegerRange,
  type ServerProbeOptions,
} from '../probe-options/options';
import {
  checkHostName,
  checkInteger,
  parseHostName,
  parseInteger,
  type OptionProblem,
  type OptionResult,
} from '../probe-options/parsers';
import { urlFacts } from '../probe/url-facts';

/** The options an API caller may choose (a Pick of the one declared type). */
export type RequestedProbeOptions = ApiProbeOptions;

type IntegerKey = Exclude<(typeof API_OPTION_KEYS)[number], 'controlSni'>;

/** The ranges a stranger may ask for: the probe's own, narrowed by the operator's config. */
export function apiOptionRanges(config: ServerConfig): Record<IntegerKey, IntegerRange> {
  return {
    attempts: { min: OPTION_RANGES.attempts.min, max: config.maxAttempts },
    timeoutMs: { min: OPTION_RANGES.timeoutMs.min, max: API_TIMEOUT_MAX_MS },
    httpPort: OPTION_RANGES.httpPort,
  };
}

/** A refused option as the API answers it: invalid-request at its path, the parser's words after it. */
function optionError(path: string, problem: OptionProblem): ApiError {
  return new ApiError('invalid-request', {
    path,
    detail: { zh: `${path} ${problem.zh}`, en: `${path} ${problem.en}` },
  });
}

function take<T>(path: string, result: OptionResult<T>): T {
  if (result.ok) return result.value;
  throw optionError(path, result.problem);
}

/**
 * The JSON body's `options`, value by value, before the schema sees them (a route's preValidation):
 * so a bad attempts or control SNI gets the parser's answer, the one the CLI and the environment
 * give. Anything else about the body (types of other fields, unknown fields) is the schema's to say.
 */
export function checkRequestedOptions(options: unknown, config: ServerConfig, base = '/body/options'): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return;
  const ranges = apiOptionRanges(config);
  const given = options as Record<string, unknown>;
  for (const key of API_OPTION_KEYS) {
    const value = given[key];
    if (value === undefined) continue;
    const path = `${base}/${key}`;
    if (key === 'controlSni') take(path, checkHostName(value));
    else take(path, checkInteger(value, ranges[key]));
  }
}

/** The no-script form's fields (all text) as probe options, read by the same parsers. */
export function formProbeOptions(
  fields: Record<string, unknown>,
  config: ServerConfig,
): RequestedProbeOptions {
  const ranges = apiOptionRanges(config);
  const options: RequestedProbeOptions = {};
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).trim() : '');
  for (const key of ['attempts', 'timeoutMs', 'httpPort'] as const) {
    if (text(key) !== '') options[key] = take(`/body/${key}`, parseInteger(text(key), ranges[key]));
  }
  if (text('controlSni') !== '')
    options.controlSni = take('/body/controlSni', parseHostName(text('controlSni')));
  return options;
}

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

/** A probe request's body with its URL checked (the start of POST /reports and POST /probes alike). */
export function checkedProbeBody<Client, Options>(body: {
  url: string;
  client?: Client | null;
  options?: Options;
}): { url: string; client: Client | null; options: Options | undefined } {
  checkTargetUrl(body.url);
  return { url: body.url, client: body.client ?? null, options: body.options };
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
