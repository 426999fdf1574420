/**
 * The `wxprobe` command line (bundled by scripts/build-cli.mjs into server/dist/wxprobe.mjs and run by
 * server/bin/wxprobe.js). Dispatches to one module per subcommand, loaded only when that subcommand
 * runs, so `wxprobe classify` never pays for the probe's network stack. Exit codes: 0 success,
 * 1 internal error (or, for probe/diagnose, a diagnosed problem), 2 usage error (one line on stderr
 * in the --lang language, never a stack trace: args.ts), 130 interrupted with Ctrl-C.
 */
import { version } from '../../../package.json';
import { EXIT_INTERRUPTED, EXIT_USAGE, requestedLang, UsageError, usageErrorLine } from './args';

type CommandModule = { run(argv: string[]): Promise<number> };
type Command = { zh: string; en: string; load: () => Promise<CommandModule> };

/** Adding a command: one line here and a module in ./commands exporting `run(argv)`. */
const COMMANDS = new Map<string, Command>([
  [
    'classify',
    {
      zh: '分类一条原始错误（errMsg / errno）',
      en: 'classify a raw WeChat network error',
      load: () => import('./commands/classify'),
    },
  ],
  [
    'probe',
    {
      zh: '从服务器一侧探测一个 URL 并诊断',
      en: 'probe a URL from outside and diagnose',
      load: () => import('./commands/probe'),
    },
  ],
  [
    'agent',
    {
      zh: '作为探测代理，替服务器从这里探测',
      en: 'run as a probe agent: probe from here for a server',
      load: () => import('./commands/agent'),
    },
  ],
  [
    'diagnose',
    {
      zh: '用当前规则重新诊断保存的观测',
      en: 're-diagnose stored observations',
      load: () => import('./commands/diagnose'),
    },
  ],
]);

function helpText(): string {
  const width = Math.max(...[...COMMANDS.keys(), 'help'].map((name) => name.length)) + 2;
  const rows = [...COMMANDS.entries(), ['help', { zh: '显示帮助', en: 'show this help' }] as const].map(
    ([name, c]) => `  ${name.padEnd(width)}${c.zh}  ${c.en}`,
  );
  return [
    `wxprobe ${version} — 告诉你 wx.request 为什么失败 / tells you why wx.request fails`,
    '',
    '用法 Usage: wxprobe <命令 command> [选项 options]',
    '',
    '命令 Commands:',
    ...rows,
    '',
    '选项 Options:',
    '  -h, --help     显示帮助 / show help',
    '  -v, --version  显示版本 / show the version',
    '',
    '`wxprobe <命令> --help` 查看该命令的用法 / shows the usage of a command.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError('缺少命令（wxprobe help）', 'missing command (wxprobe help)');
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    const topic = rest[0] !== undefined ? COMMANDS.get(rest[0]) : undefined;
    if (topic) return (await topic.load()).run(['--help']);
    process.stdout.write(helpText());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = COMMANDS.get(first);
  if (!command) {
    const name = JSON.stringify(first.slice(0, 60));
    throw new UsageError(`未知命令 ${name}（wxprobe help）`, `unknown command ${name} (wxprobe help)`);
  }
  return (await command.load()).run(rest);
}

// A closed pipe (`wxprobe … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Resolves once everything written so far to `stream` has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

try {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  if (code === EXIT_INTERRUPTED) {
    // Ctrl-C: what was measured is written; whatever the stopped probe is still unwinding (a socket
    // still connecting, its timer) must not hold the exit back.
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  }
} catch (error) {
  if (error instanceof UsageError) {
    // the commands print their own (args.ts runCommand); these are the dispatcher's
    const argv = process.argv.slice(2);
    const command = COMMANDS.has(argv[0] ?? '') ? (argv[0] as string) : null;
    process.stderr.write(usageErrorLine(command, error, requestedLang(argv)));
    process.exitCode = EXIT_USAGE;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`wxprobe: 内部错误 / internal error: ${message.split('\n')[0]}\n`);
    if (process.env.WXPROBE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
