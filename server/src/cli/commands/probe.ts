/**
 * `wxprobe probe <url>`: the main command. Probes the URL from outside, optionally combines the
 * mini-program's own observation (`--client-report`), diagnoses both views and prints:
 *   default  progress on stderr, then a table of what was seen and the verdicts (coloured on a TTY);
 *   --json   exactly one `wxprobe.report/1` document on stdout;
 *   --raw    the bare `wxprobe.probe/1` observation, no diagnosis.
 * Exit: 0 when the top verdict is `ok` (or with --raw), 1 when a problem was diagnosed, 2 for usage
 * errors, an unusable input file, a client report for another target, or a target the address policy
 * refuses; 130 when interrupted with Ctrl-C (what was measured until then is still printed).
 */
import { setFlagsFromString } from 'node:v8';
import type { ClientObservation } from '../../../../shared/observations/client';
import type * as BuildReportModule from '../../../../shared/report/build-report';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { parseUrl } from '../../../../shared/url/parse';
import type { ProbeObservation } from '../../../../shared/observations/probe';
import { policyCategoryText } from '../../../../shared/present/labels';
import { probeNoteText, probeStepLabel } from '../../../../shared/present/notes';
import { compareTargets, targetMatchText } from '../../../../shared/report/target-match';
import { DEFAULT_PROBE_OPTIONS, probeTarget, type ProbeProgress } from '../../probe/probe';
import { EXIT_INTERRUPTED, runCommand, UsageError } from '../args';
import { PROBE_USAGE, parseProbeFlags } from '../probe-flags';
import { readClientObservation } from '../read-observation';
import { makeStyle, wantsColor } from '../render/style';

const HELP_ZH =
  '从服务器这一侧探测一个 URL 并诊断：DNS、地址策略、TCP、四种 TLS 变体（SNI=域名 / 无 SNI / 对照 SNI / 拆分 ClientHello）' +
  '各重复 --attempts 次、TLS 版本、证书链（含 AIA 补全）、HTTP（含重定向）和 80 端口的拦截页，然后给出原因、证据和修复办法。\n' +
  '--client-report 加上小程序导出的 client.json，两个视角一起诊断。--json 输出一份 wxprobe.report/1；--raw 只输出原始观测。\n' +
  '默认拒绝连接回环、内网、链路本地、云元数据等地址；用 --allow-private 或 --allow-cidr 放开。\n' +
  '退出码：0 没有问题，1 诊断出问题，2 用法错误、输入文件不可用、客户端报告不是这个目标或地址被策略拒绝，130 被 Ctrl-C 中断（仍输出已测到的部分）。\n';

/** The port each step checked, when it has one: `TCP 连接 :37255`, `明文 HTTP :80 拦截页检查`. */
function stepPort(step: string, url: string, httpPort: number): number | null {
  if (step === 'port80') return httpPort;
  if (step !== 'tcp' && step !== 'tls') return null;
  const parsed = parseUrl(url);
  return parsed?.port ?? null;
}

/**
 * One line per finished step on stderr, so a long probe never looks stuck. Lines are held back until
 * the address policy let the target through (or a second passed): a refused target then gets its one
 * usage line and nothing else.
 */
function progressPrinter(
  lang: Lang,
  url: string,
  httpPort: number,
): { onProgress: (e: ProbeProgress) => void; discard: () => void } {
  const style = makeStyle(wantsColor(process.stderr));
  let held: string[] | null = [`${lang === 'en' ? 'probing' : '正在探测'} ${url} …\n`];
  const release = () => {
    clearTimeout(timer);
    if (held) process.stderr.write(held.join(''));
    held = null;
  };
  const timer = setTimeout(release, 1_000);
  timer.unref();
  const onProgress = (e: ProbeProgress) => {
    if (e.status === 'start') return; // steps run concurrently: one line when each ends reads better
    const port = stepPort(e.step, url, httpPort);
    const name = `${probeStepLabel(e.step, lang)}${port !== null ? ` :${port}` : ''}`;
    const mark =
      e.status === 'done'
        ? style.green('✓')
        : e.status === 'skipped'
          ? style.dim('-')
          : e.status === 'timeout'
            ? style.yellow('⏱')
            : style.red('✗');
    const note = probeNoteText(e, lang);
    const line = `${mark} ${name}${note ? style.dim(`  ${note}`) : ''}\n`;
    if (held) held.push(line);
    else process.stderr.write(line);
    // the policy step always ends (done, refused, or skipped when there was nothing to check)
    if (e.step === 'policy' && e.status !== 'refused') release();
  };
  const discard = () => {
    clearTimeout(timer);
    held = null;
  };
  return { onProgress, discard };
}

/**
 * The address policy refused every address of the URL's host: no outside view exists, so there is
 * nothing to diagnose. The answer is about how the command was called: a usage error (one line, exit 2).
 */
function policyRefusal(probe: ProbeObservation): UsageError | null {
  if (probe.steps.policy !== 'refused') return null;
  return new UsageError(policyRefusalText(probe, 'zh'), policyRefusalText(probe, 'en'));
}

function policyRefusalText(probe: ProbeObservation, lang: Lang): string {
  const refused = (probe.policy?.checks ?? []).filter((c) => !c.allowed);
  const list = refused
    .map((c) => `${c.address} ${policyCategoryText(c.category, lang)}`)
    .join(lang === 'en' ? ', ' : '、');
  const metadata = refused.some((c) => c.category === 'metadata');
  const cidrs = refused.map((c) => `--allow-cidr ${c.address}/${c.address.includes(':') ? 128 : 32}`);
  const how = metadata
    ? cidrs.join(' ')
    : `--allow-private${lang === 'en' ? ' or ' : ' 或 '}${cidrs.join(' ')}`;
  const host = probe.target.host;
  return lang === 'en'
    ? `the address policy refuses ${host} (${list}): nothing was probed; to probe it anyway in a trusted setting, add ${how}`
    : `地址策略拒绝了 ${host}（${list}），没有做任何探测；要在可信环境里探测它，加 ${how}`;
}

/**
 * undici parses HTTP with WebAssembly (llhttp). V8 soon re-compiles its hot parser function with its
 * optimizing tier on a background thread: ~50 ms of work that a one-shot command never benefits
 * from, and that node waits for before it exits. The baseline (Liftoff) code parses a probe's few
 * responses just as well. For this process only: the server keeps V8's defaults.
 */
function skipWasmOptimization(): void {
  setFlagsFromString('--liftoff-only');
}

export const run = (argv: string[]): Promise<number> => runCommand('probe', argv, () => probeCommand(argv));

let reportLoad: Promise<typeof BuildReportModule> | null = null;
/**
 * The rules and their texts are a third of the command's code. They load when the probe's first
 * answers are in (a step after TCP ended) while it waits for the rest, instead of before its first packet.
 */
const LATE_STEPS = new Set<string>(['tls', 'certificate', 'http', 'port80']);
const loadReportModule = () => (reportLoad ??= import('../../../../shared/report/build-report'));

async function probeCommand(argv: string[]): Promise<number> {
  skipWasmOptimization();
  const flags = parseProbeFlags(argv);
  if (!flags.ok) throw flags.error;
  if (flags.help) {
    process.stdout.write(`${PROBE_USAGE}\n\n${HELP_ZH}`);
    return 0;
  }
  const lang = flags.lang;
  // Read the client view first: a bad file is a usage error before any network traffic.
  let client: ClientObservation | null = null;
  const notes: string[] = [];
  if (flags.clientReport) {
    client = await readClientObservation(flags.clientReport);
    // Two views of two different servers are not one diagnosis.
    const match = compareTargets(client.url, flags.url);
    if (match.kind === 'other-target' || match.kind === 'unparseable') {
      throw new UsageError(
        targetMatchText(match, client.url, flags.url, 'zh'),
        targetMatchText(match, client.url, flags.url, 'en'),
      );
    }
    if (match.kind === 'other-path') notes.push(targetMatchText(match, client.url, flags.url, lang));
  }
  const quiet = flags.raw || flags.json;
  // The text report's table widths (string-width) cost ~100 ms to load: only the text output loads
  // them, and before the probe starts, so that loading never holds up a handshake being timed.
  const text = quiet ? null : await import('../render/report-text');
  // Ctrl-C: the first stops the probe and reports what was measured (exit 130); a second one, while
  // that is being written, exits at once.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) {
      process.stderr.write(`\n${lang === 'en' ? 'interrupted again: exiting now' : '再次中断：立即退出'}\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    if (!quiet)
      process.stderr.write(
        `\n${lang === 'en' ? 'interrupted: reporting what was measured so far (Ctrl-C again exits at once)' : '已中断：输出已测到的部分（再按一次 Ctrl-C 立即退出）'}\n`,
      );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  let interrupted = false;
  try {
    const progress = quiet
      ? null
      : progressPrinter(lang, flags.url, flags.options.httpPort ?? DEFAULT_PROBE_OPTIONS.httpPort);
    const probe = await probeTarget(flags.url, { ...flags.options, signal: controller.signal }, (e) => {
      // --raw never diagnoses; a failed load is reported where the module is awaited, below
      if (!flags.raw && e.status !== 'start' && LATE_STEPS.has(e.step))
        setImmediate(() => void loadReportModule().catch(() => undefined));
      progress?.onProgress(e);
    });
    interrupted = !!probe.interrupted;
    const refusal = interrupted ? null : policyRefusal(probe);
    if (refusal) {
      progress?.discard();
      throw refusal;
    }
    if (flags.raw) {
      process.stdout.write(`${JSON.stringify(probe)}\n`);
      return interrupted ? EXIT_INTERRUPTED : 0;
    }
    const { buildReport, reportExitCode } = await loadReportModule();
    const report = buildReport({ url: flags.url, client, probe });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      // stdout stays exactly one document: the note goes to stderr
      for (const note of notes) process.stderr.write(`wxprobe probe: ${note}\n`);
    } else if (text)
      process.stdout.write(
        '\n' + text.renderReportText(report, { lang, color: wantsColor(process.stdout), notes }),
      );
    return interrupted ? EXIT_INTERRUPTED : reportExitCode(report);
  } finally {
    // Interrupted: keep listening, so a second Ctrl-C during the exit still exits at once.
    if (!interrupted && interrupts === 0) process.off('SIGINT', onSignal);
  }
}
