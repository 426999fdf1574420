/**
 * The probe options a job asks for, as the agent will honour them: only what an API caller may choose
 * (API_OPTION_KEYS: attempts, step timeout, control SNI, plain-HTTP port), each checked by the same
 * parsers. The address policy, DNS server, CA and --resolve stay the agent operator's: a server
 * cannot widen what the agent may reach.
 */
import {
  API_OPTION_KEYS,
  OPTION_RANGES,
  PORT_RANGE,
  type ServerProbeOptions,
} from '../probe-options/options';
import { checkHostName, checkInteger, type OptionResult } from '../probe-options/parsers';

type Requested = Pick<ServerProbeOptions, (typeof API_OPTION_KEYS)[number]>;

const CHECKS: { [K in keyof Requested]-?: (value: unknown) => OptionResult<NonNullable<Requested[K]>> } = {
  attempts: (v) => checkInteger(v, OPTION_RANGES.attempts),
  timeoutMs: (v) => checkInteger(v, OPTION_RANGES.timeoutMs),
  controlSni: (v) => checkHostName(v),
  httpPort: (v) => checkInteger(v, PORT_RANGE),
};

/** The job's options the agent runs with, or the English reason it will not (sent back as `{error}`). */
export function requestedOptions(options: Record<string, unknown>): Requested | { refused: string } {
  const picked: Record<string, unknown> = {};
  for (const key of API_OPTION_KEYS) {
    if (options[key] === undefined) continue;
    const checked = CHECKS[key](options[key]);
    if (!checked.ok) return { refused: `job option ${key} ${checked.problem.en}` };
    picked[key] = checked.value;
  }
  return picked as Requested;
}
