/**
 * Argument parsing shared by the CLI's commands: node:util parseArgs, with usage errors turned into
 * one-line messages (exit 2 in main.ts) instead of stack traces.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit status of a run stopped with Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A mistake in how the command was called: main.ts prints the message on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Raw errors often start with a dash (`-2:net::ERR_FAILED`, `-1001`); parseArgs would take them for
 * options. A dash followed by a digit that is not an option's value is moved after `--`.
 */
export function protectDashValues(argv: readonly string[], options: Options): string[] {
  if (argv.includes('--')) return [...argv];
  const takesValue = (arg: string): boolean => {
    if (arg.startsWith('--') && !arg.includes('=')) return options[arg.slice(2)]?.type === 'string';
    if (/^-[A-Za-z]$/.test(arg)) {
      return Object.values(options).some((o) => o.short === arg.slice(1) && o.type === 'string');
    }
    return false;
  };
  const kept: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!/^-\d/.test(arg)) kept.push(arg);
    else if (i > 0 && takesValue(argv[i - 1] as string)) {
      // `--errno -5`: parseArgs refuses a dash value unless attached (`--errno=-5`, `-e-5`).
      const option = kept.pop() as string;
      kept.push(option.startsWith('--') ? `${option}=${arg}` : `${option}${arg}`);
    } else moved.push(arg);
  }
  return moved.length > 0 ? [...kept, '--', ...moved] : kept;
}

/** parseArgs in strict mode; its errors become a UsageError with a one-line message. */
export function parseCommandArgs<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({
      args: protectDashValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}

/** Node's parseArgs messages, shortened to the reason and said in Chinese first. */
function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 / unknown option: ${option.slice(0, 40)}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing|ambiguous/.test(message)
      ? `选项缺少值 / option needs a value: ${option} (use ${option}=VALUE for a value starting with "-")`
      : `选项不取值 / option takes no value: ${option}`;
  }
  return message.split('\n')[0] ?? message;
}
