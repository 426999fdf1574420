/**
 * `wxprobe probe <url>`: the main command. Probes the URL from outside, optionally combines the
 * mini-program's own observation (`--client-report`), diagnoses both views and prints:
 *   default  progress on stderr, then a table of what was seen and the verdicts (coloured on a TTY);
 *   --json   exactly one `wxprobe.report/1` document on stdout;
 *   --raw    the bare `wxprobe.probe/1` observation, no diagnosis.
 * Exit: 0 when the top verdict is `ok` (or with --raw), 1 when a problem was diagnosed, 2 for usage
 * errors or an unusable input file.
 */
import { setFlagsFromString } from 'node:v8';
import type { ClientObservation } from '../../../../shared/observations/client';
import { buildReport, reportExitCode } from '../../../../shared/report/build-report';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { probeTarget, type ProbeProgress } from '../../probe/probe';
import { PROBE_USAGE, parseProbeFlags } from '../probe-flags';
import { InputFileError, readClientObservation } from '../read-observation';
import { renderReportText } from '../render/report-text';
import { makeStyle, wantsColor } from '../render/style';

const HELP_ZH =
  '从服务器这一侧探测一个 URL 并诊断：DNS、地址策略、TCP、四种 TLS 变体（SNI=域名 / 无 SNI / 对照 SNI / 拆分 ClientHello）' +
  '各重复 --attempts 次、TLS 版本、证书链（含 AIA 补全）、HTTP（含重定向）和 80 端口的拦截页，然后给出原因、证据和修复办法。\n' +
  '--client-report 加上小程序导出的 client.json，两个视角一起诊断。--json 输出一份 wxprobe.report/1；--raw 只输出原始观测。\n' +
  '默认拒绝连接回环、内网、链路本地、云元数据等地址；用 --allow-private 或 --allow-cidr 放开。\n' +
  '退出码：0 没有问题，1 诊断出问题，2 用法错误或输入文件不可用。\n';

const STEP_NAMES: Record<string, [string, string]> = {
  target: ['解析 URL', 'URL'],
  dns: ['DNS 解析', 'DNS'],
  policy: ['地址安全检查', 'address policy'],
  tcp: ['TCP 连接', 'TCP connect'],
  tls: ['TLS 握手（各变体）', 'TLS handshakes'],
  certificate: ['证书链', 'certificate chain'],
  http: ['HTTP 请求', 'HTTP request'],
  port80: ['明文 HTTP 拦截页检查', 'plain-HTTP block page check'],
};

/** One line per finished step on stderr, so a long probe never looks stuck. */
function progressPrinter(lang: Lang): (e: ProbeProgress) => void {
  const style = makeStyle(wantsColor(process.stderr));
  return (e) => {
    const name = STEP_NAMES[e.step]?.[lang === 'en' ? 1 : 0] ?? e.step;
    if (e.status === 'start') return; // steps run concurrently: one line when each ends reads better
    const mark =
      e.status === 'done'
        ? style.green('✓')
        : e.status === 'skipped'
          ? style.dim('-')
          : e.status === 'timeout'
            ? style.yellow('⏱')
            : style.red('✗');
    process.stderr.write(`${mark} ${name}${e.detail ? style.dim(`  ${e.detail}`) : ''}\n`);
  };
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

export async function run(argv: string[]): Promise<number> {
  skipWasmOptimization();
  const flags = parseProbeFlags(argv);
  if (!flags.ok) {
    process.stderr.write(`wxprobe probe: ${flags.error}\n${PROBE_USAGE}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${PROBE_USAGE}\n\n${HELP_ZH}`);
    return 0;
  }
  if (flags.raw && flags.json) {
    process.stderr.write('wxprobe probe: --raw and --json exclude each other\n');
    return 2;
  }
  // Read the client view first: a bad file is a usage error before any network traffic.
  let client: ClientObservation | null = null;
  if (flags.clientReport) {
    try {
      client = await readClientObservation(flags.clientReport);
    } catch (err) {
      if (!(err instanceof InputFileError)) throw err;
      process.stderr.write(`wxprobe probe: ${err.message}\n`);
      return 2;
    }
  }
  // Ctrl-C ends the probe early but still reports what was measured.
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const quiet = flags.raw || flags.json;
    const onProgress = quiet ? undefined : progressPrinter(flags.lang);
    if (!quiet) process.stderr.write(`${flags.lang === 'en' ? 'probing' : '正在探测'} ${flags.url} …\n`);
    const probe = await probeTarget(flags.url, { ...flags.options, signal: controller.signal }, onProgress);
    if (flags.raw) {
      process.stdout.write(`${JSON.stringify(probe)}\n`);
      return 0;
    }
    const report = buildReport({ url: flags.url, client, probe });
    if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      process.stdout.write(
        '\n' + renderReportText(report, { lang: flags.lang, color: wantsColor(process.stdout) }),
      );
    return reportExitCode(report);
  } finally {
    process.off('SIGINT', onSignal);
  }
}
