/**
 * `npm run lab`: starts the whole lab, prints what runs where and how to probe it, and stays up
 * until Ctrl-C (SIGINT/SIGTERM), then closes everything and removes its temp files.
 */
import { parseArgs } from 'node:util';
import { LANGS, type Lang } from '../../shared/taxonomy/codes';
import { DEFAULTS, startLab, type Lab, type LabOptions } from './lab';
import { renderLabTable } from './table';

const USAGE = `usage: npm run lab -- [options]

  --lang zh|en        language of the table (default zh)
  --leak <p>          share of blocked ClientHellos the ICP filter lets through (default ${DEFAULTS.leakProbability})
  --seed <n>          seed of the ICP filter's leaks (default random, printed)
  --slow-ms <ms>      how long the slow case waits before answering (default ${DEFAULTS.slowDelayMs})
  --no-split-pass     a ClientHello split over TCP segments is blocked too
  --cases a,b,...     start only these cases (ok always runs)
  --host <addr>       bind every case to this loopback address (e.g. 127.0.0.1 on macOS)
  --real-ports        bind 443/80 instead of ephemeral ports (needs root; one address per case)
  -h, --help          this text
`;

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`--${name} needs a number, not ${value}`);
  return n;
}

function optionsFromArgs(argv: string[]): { lang: Lang; options: LabOptions } | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      lang: { type: 'string', default: 'zh' },
      leak: { type: 'string' },
      seed: { type: 'string' },
      'slow-ms': { type: 'string' },
      'no-split-pass': { type: 'boolean', default: false },
      cases: { type: 'string' },
      host: { type: 'string' },
      'real-ports': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const lang = values.lang as Lang;
  if (!(LANGS as readonly string[]).includes(lang))
    throw new RangeError(`--lang must be one of ${LANGS.join(', ')}`);
  return {
    lang,
    options: {
      leakProbability: numberFlag(values.leak, 'leak'),
      seed: numberFlag(values.seed, 'seed'),
      slowDelayMs: numberFlag(values['slow-ms'], 'slow-ms'),
      splitHelloPasses: !values['no-split-pass'],
      cases: values.cases
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      host: values.host,
      realPorts: values['real-ports'],
    },
  };
}

async function main(): Promise<void> {
  // A closed pipe (`npm run lab | head`) must not kill the lab before it cleans up.
  process.stdout.on('error', () => undefined);
  let parsed: ReturnType<typeof optionsFromArgs>;
  try {
    parsed = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!parsed) {
    process.stdout.write(USAGE);
    return;
  }
  const { lang, options } = parsed;
  // Signals are caught before anything starts, so a Ctrl-C during start-up still cleans up.
  let stopRequested: NodeJS.Signals | null = null;
  let lab: Lab | null = null;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopRequested) return;
    stopRequested = signal;
    if (lab) void closeAndExit(lab, signal, lang);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  lab = await startLab(options);
  if (stopRequested) return closeAndExit(lab, stopRequested, lang);
  process.stdout.write(`${renderLabTable(lab, lang)}\n`);
}

async function closeAndExit(lab: Lab, signal: NodeJS.Signals, lang: Lang): Promise<void> {
  process.stdout.write(
    lang === 'zh' ? `\n收到 ${signal}，正在关闭实验室…\n` : `\n${signal}: closing the lab…\n`,
  );
  try {
    await lab.close();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`wxprobe lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
