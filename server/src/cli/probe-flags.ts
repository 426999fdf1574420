/**
 * Flags of `wxprobe probe <url>` → probe options. Each probe-option flag is one row naming the
 * option it sets and the parser (probe-options/parsers) that reads it, so the CLI takes exactly the
 * spellings the server's environment takes. Every bad input becomes one UsageError (the command
 * prints it in one line and exits 2), never an exception.
 */
import type { Lang } from '../../../shared/taxonomy/codes';
import { OPTION_RANGES, PORT_RANGE, type ProbeOptionsInput } from '../probe-options/options';
import * as parsers from '../probe-options/parsers';
import { parseCommandArgs, parseLangOption, UsageError } from './args';

export const PROBE_USAGE =
  'usage: wxprobe probe <https://host/path> [--raw | --json] [--lang zh|en] [--client-report <client.json>]\n' +
  '         [--dns-server <addr[:port]>] [--resolve <host:port:addr>]... [--ca <file.pem>]...\n' +
  '         [--allow-private] [--allow-cidr <cidr>]... [--attempts <n>] [--timeout <ms>] [--total-timeout <ms>]\n' +
  '         [--control-sni <name>] [--method <method>] [--header "Name: value"]... [--http-port <port>]';

/** The probe options the CLI sets: any of the declared ones, as data. */
export type CliProbeOptions = ProbeOptionsInput;

export type ProbeFlags = {
  url: string;
  options: CliProbeOptions;
  raw: boolean;
  json: boolean;
  lang: Lang;
  clientReport?: string;
  help: boolean;
};

export type ParsedProbeFlags = ({ ok: true } & ProbeFlags) | { ok: false; error: UsageError };

/** The flags that set probe options (`wxprobe agent` takes them too). */
export const PROBE_OPTION_ARGS = {
  'dns-server': { type: 'string' },
  resolve: { type: 'string', multiple: true },
  ca: { type: 'string', multiple: true },
  'allow-private': { type: 'boolean', default: false },
  'allow-cidr': { type: 'string', multiple: true },
  attempts: { type: 'string' },
  timeout: { type: 'string' },
  'total-timeout': { type: 'string' },
  'control-sni': { type: 'string' },
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  'http-port': { type: 'string' },
} as const;

const OPTIONS = {
  raw: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'zh' },
  'client-report': { type: 'string' },
  ...PROBE_OPTION_ARGS,
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The parsed value, or the parser's refusal as a usage error about `--flag`. */
function take<T>(flag: string, result: parsers.OptionResult<T>): T {
  if (result.ok) return result.value;
  throw UsageError.fromProblem(`--${flag}`, result.problem);
}

type Values = ReturnType<typeof parseCommandArgs<typeof PROBE_OPTION_ARGS>>['values'];

/** One row per probe-option flag: which option it sets, read by which parser. */
const OPTION_FLAGS: { [K in keyof CliProbeOptions]-?: (values: Values) => CliProbeOptions[K] | undefined } = {
  dnsServer: (v) =>
    v['dns-server'] === undefined ? undefined : take('dns-server', parsers.parseDnsServer(v['dns-server'])),
  resolve: (v) => v.resolve?.flatMap((text) => take('resolve', parsers.parseResolve(text))),
  ca: (v) => v.ca?.map((path) => take('ca', parsers.readCaFile(path))),
  allowPrivate: (v) => (v['allow-private'] ? true : undefined),
  // checked, and kept as written: the observation and the policy's reasons quote the operator
  allowCidrs: (v) =>
    v['allow-cidr']?.map((text) => (take('allow-cidr', parsers.parseCidr(text)), text.trim())),
  attempts: (v) =>
    v.attempts === undefined
      ? undefined
      : take('attempts', parsers.parseInteger(v.attempts, OPTION_RANGES.attempts)),
  // a count the operator writes is run exactly; without one the probe adapts (stops early when healthy)
  attemptMode: (v) => (v.attempts === undefined ? undefined : 'exact'),
  timeoutMs: (v) =>
    v.timeout === undefined
      ? undefined
      : take('timeout', parsers.parseInteger(v.timeout, OPTION_RANGES.timeoutMs)),
  totalTimeoutMs: (v) =>
    v['total-timeout'] === undefined
      ? undefined
      : take('total-timeout', parsers.parseInteger(v['total-timeout'], OPTION_RANGES.totalTimeoutMs)),
  controlSni: (v) =>
    v['control-sni'] === undefined ? undefined : take('control-sni', parsers.parseHostName(v['control-sni'])),
  method: (v) => (v.method === undefined ? undefined : take('method', parsers.parseHttpMethod(v.method))),
  headers: (v) =>
    v.header
      ? Object.fromEntries(v.header.map((text) => take('header', parsers.parseHeader(text))))
      : undefined,
  httpPort: (v) =>
    v['http-port'] === undefined
      ? undefined
      : take('http-port', parsers.parseInteger(v['http-port'], PORT_RANGE)),
};

/** The probe options the parsed flags set (each read by its parser; a bad one is a UsageError). */
export function probeOptions(values: Values): CliProbeOptions {
  const options: Record<string, unknown> = {};
  for (const [key, read] of Object.entries(OPTION_FLAGS)) {
    const value = (read as (v: Values) => unknown)(values);
    if (value !== undefined) options[key] = value;
  }
  return options as CliProbeOptions;
}

function toFlags(argv: string[]): ProbeFlags {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const lang = parseLangOption(values.lang);
  const base = { raw: values.raw, json: values.json, lang, help: values.help };
  if (values.help) return { url: positionals[0] ?? '', options: {}, ...base };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? '请给出一个要探测的 URL' : `只能给一个 URL，不是 ${positionals.length} 个`,
      positionals.length === 0 ? 'give one URL to probe' : `give one URL, not ${positionals.length}`,
    );
  }
  if (values.raw && values.json)
    throw new UsageError('--raw 和 --json 只能选一个', '--raw and --json exclude each other');
  const url = positionals[0] as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new UsageError(
      `"${url}" 不是 URL：请写上协议，例如 https://${url}`,
      `"${url}" is not a URL: write it with its scheme, e.g. https://${url}`,
    );
  const clientReport = values['client-report'];
  return {
    url,
    options: probeOptions(values),
    ...base,
    ...(clientReport !== undefined ? { clientReport } : {}),
  };
}

export function parseProbeFlags(argv: string[]): ParsedProbeFlags {
  try {
    return { ok: true, ...toFlags(argv) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error };
    throw error;
  }
}
