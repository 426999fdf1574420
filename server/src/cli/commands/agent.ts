/**
 * `wxprobe agent --server <url> --token <token> [probe flags]`: runs the server's outside probe from
 * here, for the vantage the token belongs to. It only opens connections (no inbound port): it
 * long-polls the server for the next job, runs the same probe as `wxprobe probe` through the probe
 * runner (this agent's own --dns-server, --resolve, --ca and address policy under the options the
 * job asks for), posts the raw `wxprobe.probe` observation back and heartbeats every 10 s.
 *
 * Up to --concurrency jobs run at once, one line each on stdout. An unreachable server is retried
 * with growing pauses (up to 30 s). The first SIGINT/SIGTERM stops taking jobs and finishes those
 * running; a second one abandons them (the server is told, so they go to another agent at once).
 * Exit: 0 stopped after finishing, 130 stopped abandoning jobs, 2 usage error or a token the server
 * refuses (401).
 */
import { hostname } from 'node:os';
import { version } from '../../../../package.json';
import type { ProbeObservation } from '../../../../shared/observations/probe';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { pause, type AgentJob, type AgentResult } from '../../agents/job-source';
import { ProbeRunner, type ProbeSlot } from '../../jobs/probe-runner';
import { probeTarget } from '../../probe/probe';
import { DEFAULT_PROBE_OPTIONS, type ServerProbeOptions } from '../../probe-options/options';
import { checkInteger } from '../../probe-options/parsers';
import { AgentClient, AgentHttpError } from '../agent-client';
import { requestedOptions } from '../agent-job-options';
import {
  EXIT_INTERRUPTED,
  EXIT_USAGE,
  parseCommandArgs,
  parseLangOption,
  runCommand,
  UsageError,
} from '../args';
import { PROBE_OPTION_ARGS, probeOptions } from '../probe-flags';

const { attempts: _attempts, method: _method, header: _header, ...AGENT_PROBE_ARGS } = PROBE_OPTION_ARGS;

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  concurrency: { type: 'string' },
  'wait-seconds': { type: 'string' },
  id: { type: 'string' },
  lang: { type: 'string', default: 'zh' },
  help: { type: 'boolean', short: 'h', default: false },
  ...AGENT_PROBE_ARGS,
} as const;

export const AGENT_USAGE =
  'usage: wxprobe agent --server <https://wxprobe.example.com> [--token <token>] [--concurrency <n>]\n' +
  '         [--wait-seconds <s>] [--id <name>] [--lang zh|en]\n' +
  '         [--dns-server <addr[:port]>] [--resolve <host:port:addr>]... [--ca <file.pem>]...\n' +
  '         [--allow-private] [--allow-cidr <cidr>]... [--timeout <ms>] [--total-timeout <ms>]\n' +
  '         [--control-sni <name>] [--http-port <port>]';

const HELP_ZH =
  '作为探测代理运行：向服务器（--server）领取本探测点的探测任务，用与 wxprobe probe 相同的探测从这里测量，把原始观测（wxprobe.probe）交回，每 10 秒心跳一次。\n' +
  '令牌（--token，或环境变量 WXPROBE_AGENT_TOKEN，不会出现在 ps 里）决定探测点；服务器上用 WXPROBE_AGENT_TOKENS 配置。\n' +
  '只向外连接，不监听任何端口。--concurrency 同时执行的任务数（默认 2）；--wait-seconds 每次长轮询最多等多久（默认 25，最多 55）。\n' +
  '地址策略、DNS 服务器、--resolve、--ca 由本代理的参数决定，任务只能指定尝试次数、超时、对照 SNI 和 80 端口。\n' +
  '服务器连不上时逐步延长间隔重试（最长 30 秒）。第一次 Ctrl-C / SIGTERM：不再领取新任务，做完进行中的任务后退出（0）；第二次：放弃进行中的任务并告知服务器（130）。\n' +
  '退出码：0 正常停止，130 放弃了任务，2 用法错误或服务器拒绝令牌（401）。\n';

const DEFAULT_CONCURRENCY = 2;
const DEFAULT_WAIT_SECONDS = 25;
const HEARTBEAT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/** Posting a result is tried this often when the server is unreachable, then the job is let go. */
const POST_TRIES = 6;
/** Time kept for posting before a job's deadline: the probe is stopped this much earlier. */
const DEADLINE_MARGIN_MS = 2_000;

type AgentFlags = {
  server: string;
  token: string;
  concurrency: number;
  waitSeconds: number;
  agentId: string;
  lang: Lang;
  base: ServerProbeOptions;
  totalTimeoutMs: number;
};

function text(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}

function integerFlag(flag: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const checked = checkInteger(/^\d+$/.test(raw) ? Number(raw) : raw, { min, max });
  if (!checked.ok) throw UsageError.fromProblem(`--${flag}`, checked.problem);
  return checked.value;
}

function parseAgentFlags(argv: string[]): AgentFlags | 'help' {
  const { values } = parseCommandArgs(argv, OPTIONS, { allowPositionals: false });
  const lang = parseLangOption(values.lang);
  if (values.help) return 'help';
  const server = values.server;
  if (server === undefined)
    throw new UsageError('请用 --server 给出服务器地址', 'give the server with --server');
  let url: URL | null = null;
  try {
    url = new URL(server);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    const shown = JSON.stringify(server.slice(0, 80));
    throw new UsageError(
      `--server 必须是 http(s) 地址，不能是 ${shown}`,
      `--server must be an http(s) URL, not ${shown}`,
    );
  }
  const token = values.token ?? process.env.WXPROBE_AGENT_TOKEN;
  if (!token) {
    throw new UsageError(
      '缺少令牌：用 --token 或环境变量 WXPROBE_AGENT_TOKEN 给出',
      'missing token: give --token or the WXPROBE_AGENT_TOKEN environment variable',
    );
  }
  const id = values.id ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw new UsageError(
      '--id 只能用字母、数字和 ._-（最多 64 个）',
      '--id takes letters, digits and ._- (at most 64)',
    );
  }
  const options = probeOptions(values);
  const { totalTimeoutMs, ...base } = options;
  return {
    server: url.href,
    token,
    concurrency: integerFlag('concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1, 64),
    waitSeconds: integerFlag('wait-seconds', values['wait-seconds'], DEFAULT_WAIT_SECONDS, 1, 55),
    agentId: id,
    lang,
    base: base as ServerProbeOptions,
    totalTimeoutMs: totalTimeoutMs ?? DEFAULT_PROBE_OPTIONS.totalTimeoutMs,
  };
}

export const run = (argv: string[]): Promise<number> => runCommand('agent', argv, () => agentCommand(argv));

async function agentCommand(argv: string[]): Promise<number> {
  const flags = parseAgentFlags(argv);
  if (flags === 'help') {
    process.stdout.write(`${AGENT_USAGE}\n\n${HELP_ZH}`);
    return 0;
  }
  return new Agent(flags).run();
}

/** The agent's state: lanes polling for jobs, the heartbeat, the running probes, and how it stops. */
class Agent {
  private readonly client: AgentClient;
  private readonly runner: ProbeRunner;
  /** Aborted at the first stop signal: no new job is taken, waits end. */
  private readonly stopping = new AbortController();
  private abandoning = false;
  private fatal: AgentHttpError | null = null;
  private readonly running = new Map<string, ProbeSlot | null>();
  private failures = 0;
  private readonly counts = { posted: 0, abandoned: 0 };

  constructor(private readonly flags: AgentFlags) {
    this.client = new AgentClient({
      server: flags.server,
      token: flags.token,
      agentId: flags.agentId,
      version,
    });
    this.runner = new ProbeRunner({
      maxConcurrent: flags.concurrency,
      probe: probeTarget,
      baseOptions: flags.base,
      totalTimeoutMs: flags.totalTimeoutMs,
    });
  }

  private say(zh: string, en: string): void {
    process.stdout.write(`${text(this.flags.lang, zh, en)}\n`);
  }

  private warn(zh: string, en: string): void {
    process.stderr.write(`wxprobe agent: ${text(this.flags.lang, zh, en)}\n`);
  }

  async run(): Promise<number> {
    const onSignal = (signal: string) => this.onSignal(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const vantage = await this.connect();
      if (vantage === null) return this.finish();
      this.say(
        `探测代理已连接 ${this.flags.server}：探测点 ${vantage}，同时最多 ${this.flags.concurrency} 个任务`,
        `agent connected to ${this.flags.server}: vantage ${vantage}, up to ${this.flags.concurrency} jobs at once`,
      );
      const heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      try {
        await Promise.all(Array.from({ length: this.flags.concurrency }, () => this.lane()));
      } finally {
        clearInterval(heartbeat);
      }
      return this.finish();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  private onSignal(signal: string): void {
    if (!this.stopping.signal.aborted) {
      const n = this.running.size;
      this.warn(
        `收到 ${signal}：不再领取新任务${n > 0 ? `，等进行中的 ${n} 个任务做完（再发一次则放弃它们）` : ''}`,
        `${signal}: taking no new jobs${n > 0 ? `; finishing the ${n} running (again to abandon them)` : ''}`,
      );
      this.stopping.abort();
      return;
    }
    if (this.abandoning) return;
    this.abandoning = true;
    this.warn(
      `再次收到 ${signal}：放弃进行中的 ${this.running.size} 个任务`,
      `${signal} again: abandoning the ${this.running.size} running jobs`,
    );
    for (const slot of this.running.values()) slot?.controller.abort();
  }

  private finish(): number {
    if (this.fatal) {
      this.warn(
        `服务器拒绝了令牌（401：${this.fatal.message}）；请检查 --token / WXPROBE_AGENT_TOKEN 和服务器的 WXPROBE_AGENT_TOKENS`,
        `the server refused the token (401: ${this.fatal.message}); check --token / WXPROBE_AGENT_TOKEN and the server's WXPROBE_AGENT_TOKENS`,
      );
      return EXIT_USAGE;
    }
    const { posted, abandoned } = this.counts;
    if (abandoned > 0) {
      this.say(
        `已停止：放弃了 ${abandoned} 个进行中的任务（已告知服务器，会交给别的代理），共提交 ${posted} 个结果`,
        `stopped: abandoned ${abandoned} running jobs (the server was told; another agent takes them), ${posted} results posted`,
      );
      return EXIT_INTERRUPTED;
    }
    this.say(
      `已停止：进行中的任务都已做完，共提交 ${posted} 个结果`,
      `stopped: every running job finished, ${posted} results posted`,
    );
    return 0;
  }

  /** The first heartbeat, retried until it answers: the vantage, or null when stopped (or 401). */
  private async connect(): Promise<string | null> {
    while (!this.stopping.signal.aborted) {
      try {
        const { vantage } = await this.client.heartbeat(0);
        this.reachable();
        return vantage;
      } catch (error) {
        if (!(await this.onFailure(error))) return null;
      }
    }
    return null;
  }

  private async beat(): Promise<void> {
    try {
      await this.client.heartbeat(this.running.size);
    } catch (error) {
      if (error instanceof AgentHttpError && error.kind === 'unauthorized') this.stopFatally(error);
      // unreachable: the lanes notice and say so; the next beat tries again
    }
  }

  private stopFatally(error: AgentHttpError): void {
    this.fatal ??= error;
    this.stopping.abort();
  }

  private reachable(): void {
    if (this.failures > 0) this.say('已重新连上服务器', 'server reachable again');
    this.failures = 0;
  }

  /**
   * After a failed call: false when the agent must stop (401, or a stop signal); otherwise waits
   * with a growing pause (said once when the server goes away) and answers true.
   */
  private async onFailure(error: unknown): Promise<boolean> {
    if (this.stopping.signal.aborted) return false;
    if (!(error instanceof AgentHttpError)) throw error;
    if (error.kind === 'unauthorized') {
      this.stopFatally(error);
      return false;
    }
    this.failures++;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.failures - 1, 5));
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    if (this.failures === 1) {
      this.warn(
        `连不上服务器（${error.message}），稍后重试（间隔逐步延长到 30 秒）`,
        `server unreachable (${error.message}); retrying with growing pauses (up to 30 s)`,
      );
    }
    return pause(jittered, this.stopping.signal);
  }

  private async lane(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let job: AgentJob | null;
      try {
        job = await this.client.nextJob(this.flags.waitSeconds, this.stopping.signal);
        this.reachable();
      } catch (error) {
        if (!(await this.onFailure(error))) return;
        continue;
      }
      if (job) await this.work(job);
    }
  }

  private async work(job: AgentJob): Promise<void> {
    const startedAt = Date.now();
    this.running.set(job.jobId, null);
    let result: AgentResult;
    try {
      result = await this.probe(job);
    } finally {
      this.running.delete(job.jobId);
    }
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const head = `${job.reportId} ${job.url}`;
    if (this.abandoning) {
      this.counts.abandoned++;
      await this.client
        .postResult(job.jobId, { error: 'the agent stopped before finishing' }, 5_000)
        .catch(() => {});
      this.say(`- ${head}：已放弃（代理停止）`, `- ${head}: abandoned (agent stopping)`);
      return;
    }
    const answer = await this.post(job, result);
    const what =
      'probe' in result
        ? text(this.flags.lang, `探测完成，用时 ${seconds} 秒`, `probed in ${seconds} s`)
        : text(this.flags.lang, `无法探测（${result.error}）`, `could not probe (${result.error})`);
    if (answer === 'accepted') {
      this.counts.posted++;
      const mark = 'probe' in result ? '✓' : '✗';
      this.say(`${mark} ${head}：${what}，已提交`, `${mark} ${head}: ${what}, posted`);
    } else if (answer === 'gone') {
      this.say(
        `- ${head}：${what}，但服务器已不再需要（任务已超时交给别的代理或已完成）`,
        `- ${head}: ${what}, but the server no longer wants it (expired and handed on, or done)`,
      );
    } else {
      this.say(
        `✗ ${head}：${what}，结果没能交回（${answer.reason}）`,
        `✗ ${head}: ${what}, not posted (${answer.reason})`,
      );
    }
  }

  /** Runs the job's probe with this agent's settings under the job's options; an error result if it cannot. */
  private async probe(job: AgentJob): Promise<AgentResult> {
    const requested = requestedOptions(job.options);
    if ('refused' in requested) return { error: requested.refused };
    const slot = this.runner.acquire(requested);
    this.running.set(job.jobId, slot);
    const left = job.deadlineAt === null ? null : job.deadlineAt - Date.now() - DEADLINE_MARGIN_MS;
    const timer = left === null ? null : setTimeout(() => slot.controller.abort(), Math.max(0, left));
    try {
      const probe: ProbeObservation = await this.runner.runInSlot(slot, job.url, requested);
      return { probe };
    } catch (error) {
      return { error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Posts a result, retrying while the server is unreachable (a few times, then the job expires there). */
  private async post(job: AgentJob, result: AgentResult): Promise<'accepted' | 'gone' | { reason: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.client.postResult(job.jobId, result);
        this.reachable();
        return answer;
      } catch (error) {
        if (!(error instanceof AgentHttpError)) throw error;
        if (error.kind === 'unauthorized') {
          this.stopFatally(error);
          return { reason: '401' };
        }
        if (error.kind === 'refused' || attempt >= POST_TRIES || this.abandoning)
          return { reason: error.message };
        await pause(
          Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1)),
          AbortSignal.timeout(MAX_BACKOFF_MS * 2),
        );
      }
    }
  }
}
