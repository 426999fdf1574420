/**
 * Argument parsing and usage errors shared by the CLI's commands. Every command reports a mistake in
 * how it was called the same way: it throws a UsageError (Chinese and English), and runCommand /
 * main.ts print `wxprobe <command>: <reason>` on one line of stderr in the `--lang` language
 * (Chinese by default) and exit 2 — never a stack trace, never a usage block.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../../../shared/taxonomy/codes';
import type { OptionProblem } from '../probe-options/parsers';

/** Exit status of a usage error (and of an input the command cannot work with). */
export const EXIT_USAGE = 2;
/** Exit status of a run stopped with Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A mistake in how the command was called, said in Chinese and English; printed in one line. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly zh: string,
    readonly en: string,
    /** set when a probe option's parser refused the value */
    readonly problem: OptionProblem | null = null,
  ) {
    super(en);
  }

  text(lang: Lang): string {
    return lang === 'en' ? this.en : this.zh;
  }

  /** A probe option's refusal, with the flag as its subject: `--attempts must be a whole number, not "x"`. */
  static fromProblem(flag: string, problem: OptionProblem): UsageError {
    return new UsageError(`${flag} ${problem.zh}`, `${flag} ${problem.en}`, problem);
  }
}

/** The language asked for, read before parsing (a parse error may come first): zh unless `--lang en`. */
export function requestedLang(argv: readonly string[]): Lang {
  const at = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (at >= 0 && argv[at + 1] === 'en') ? 'en' : 'zh';
}

/** `--lang`'s value: absent or zh → zh, en → en, anything else a usage error. */
export function parseLangOption(value: string | undefined): Lang {
  if (value === undefined || value === 'zh') return 'zh';
  if (value === 'en') return 'en';
  const shown = JSON.stringify(value.slice(0, 20));
  throw new UsageError(`--lang 只能是 zh 或 en，不能是 ${shown}`, `--lang must be zh or en, not ${shown}`);
}

/** The one line a usage error prints: `wxprobe probe: --attempts 必须是整数，不能是 "x"`. */
export function usageErrorLine(command: string | null, error: UsageError, lang: Lang): string {
  const reason = error.text(lang).split('\n').join(' ');
  return `wxprobe${command ? ` ${command}` : ''}: ${reason}\n`;
}

/** Runs a command's body; a UsageError it throws is printed (usageErrorLine) and becomes exit 2. */
export async function runCommand(
  command: string,
  argv: readonly string[],
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(usageErrorLine(command, error, requestedLang(argv)));
    return EXIT_USAGE;
  }
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
export function parseCommandArgs<O extends Options>(
  argv: readonly string[],
  options: O,
  { allowPositionals = true }: { allowPositionals?: boolean } = {},
) {
  try {
    return parseArgs({
      args: protectDashValues(argv, options),
      options,
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw parseArgsUsageError(error);
  }
}

/** Node's parseArgs messages (several lines, English only), shortened to the reason, in both languages. */
function parseArgsUsageError(error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = (/'(-[^' ]+)/.exec(message)?.[1] ?? '').slice(0, 40);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(`未知选项 ${option}`, `unknown option ${option}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing|ambiguous/.test(message)
      ? new UsageError(
          `选项 ${option} 缺少值（以 "-" 开头的值写成 ${option}=值）`,
          `option ${option} needs a value (write ${option}=VALUE for a value starting with "-")`,
        )
      : new UsageError(`选项 ${option} 不取值`, `option ${option} takes no value`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const given = (/'([^']*)'/.exec(message)?.[1] ?? '').slice(0, 40);
    return new UsageError(`多余的参数 "${given}"`, `unexpected argument "${given}"`);
  }
  const line = message.split('\n')[0] ?? message;
  return new UsageError(line, line);
}
