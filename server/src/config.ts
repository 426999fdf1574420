/**
 * Server configuration from environment variables, validated once at start. Every variable is one
 * row of CONFIG_VARS (name, default, zh/en description, parser), so the README table and the error
 * messages come from the same place. A bad value stops the server with a message naming the
 * variable, what is expected and the value — never a stack trace, never a silent default. Probe
 * options are read with the same parsers as the CLI's flags and the API body (probe-options/), so
 * the three refuse the same spellings with the same words.
 */
import { isIP } from 'node:net';
import { isVantageName, LOCAL_VANTAGE, VANTAGE_NAME_RULE } from './agents/vantage-name';
import { OPTION_RANGES, PORT_RANGE, type IntegerRange, type ProbeOptions } from './probe-options/options';
import {
  formatCidr,
  parseBoolean,
  parseCidr,
  parseDnsServer,
  parseHostName,
  parseInteger,
  readCaFile,
  type OptionProblemCode,
  type OptionResult,
} from './probe-options/parsers';

/** The probe options the operator sets for every probe the server runs. */
type OperatorProbeOptions = Pick<ProbeOptions, 'allowCidrs' | 'allowPrivate' | 'dnsServer'>;

export type ServerConfig = OperatorProbeOptions & {
  host: string;
  port: number;
  /** SQLite file; ':memory:' keeps reports in memory (tests). */
  dbPath: string;
  caFiles: string[];
  /** PEM text of the extra trusted roots (read from caFiles at start). */
  caPem: ProbeOptions['ca'];
  /** null: the probe's default. */
  controlSni: ProbeOptions['controlSni'] | null;
  /** Probes running at once; the next one gets 503 + Retry-After. */
  maxProbes: number;
  /** API requests per client per minute. */
  rateLimitPerMinute: number;
  /** Probe-starting requests per client per minute (stricter: each costs real network work). */
  probeRateLimitPerMinute: number;
  /** 0 keeps reports forever. */
  retentionDays: number;
  /** Base URL shown in share links, e.g. https://wxprobe.example.com (no trailing slash). */
  publicUrl: string | null;
  defaultAttempts: ProbeOptions['attempts'];
  maxAttempts: ProbeOptions['attempts'];
  probeTimeoutMs: ProbeOptions['timeoutMs'];
  probeTotalTimeoutMs: ProbeOptions['totalTimeoutMs'];
  bodyLimitBytes: number;
  /** Containers nested inside one another in an accepted JSON document (the body is level 1). */
  maxJsonDepth: number;
  /** Values (objects, arrays, strings, numbers, …) in one accepted JSON document. */
  maxJsonNodes: number;
  /** Characters one `POST /api/v1/classify` may hand to the classifier, all items together. */
  classifyMaxChars: number;
  /** Time allowed to receive a whole request (slow-client protection). */
  requestTimeoutMs: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits per client). */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** PostgreSQL for a fleet of servers (store, pg-boss probe queue); null: SQLite, in-process probes. */
  databaseUrl: string | null;
  /** With a database: this process also works the `local` vantage's probe queue. */
  localProbe: boolean;
  /** Agents (probes run elsewhere) by token: the token decides the vantage; several tokens may share one. */
  agentTokens: AgentToken[];
};

/** One agent credential of `WXPROBE_AGENT_TOKENS`. The token is a secret: never logged or echoed. */
export type AgentToken = { vantage: string; token: string };

/** Shorter tokens are guessable; 16 characters of a random alphabet are far beyond a rate-limited guesser. */
export const AGENT_TOKEN_MIN_LENGTH = 16;

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  dbPath: './data/wxprobe.db',
  allowCidrs: [],
  allowPrivate: false,
  caFiles: [],
  caPem: [],
  dnsServer: null,
  controlSni: null,
  maxProbes: 4,
  rateLimitPerMinute: 120,
  probeRateLimitPerMinute: 20,
  retentionDays: 30,
  publicUrl: null,
  defaultAttempts: 10,
  maxAttempts: 30,
  probeTimeoutMs: 5000,
  probeTotalTimeoutMs: 30_000,
  bodyLimitBytes: 2 * 1024 * 1024,
  // A client observation nests 5 levels deep (body → client → attempts → attempt → profile) and a
  // full one of 1000 attempts holds ~40 000 values: room for extension fields, none for abuse.
  maxJsonDepth: 32,
  maxJsonNodes: 100_000,
  // The classifier's worst inputs cost ~0.3 µs per character: 64 Ki characters stay well under
  // 50 ms of event-loop time even on a slow machine, and 1000 real errMsg texts fit.
  classifyMaxChars: 65_536,
  requestTimeoutMs: 30_000,
  trustProxy: false,
  logLevel: 'info',
  databaseUrl: null,
  localProbe: true,
  agentTokens: [],
};

/** A complete config from defaults plus overrides (tests, embedding). */
export function defineConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}

/** One refused variable: the line shown, and the probe-option problem code when it is one. */
export type ConfigIssue = { variable: string; message: string; code: OptionProblemCode | null };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(readonly issues: ConfigIssue[]) {
    const problems = issues.map((issue) => issue.message);
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;
/** Parses one raw value into the config; throws a Refusal saying what is expected. */
type Apply = (raw: string, config: ServerConfig) => void;

type ConfigVar = {
  name: string;
  default: string;
  zh: string;
  en: string;
  apply: Apply;
};

/** A refused value: `predicate` follows the variable's name ("must be …, not …"). */
class Refusal extends Error {
  constructor(
    readonly predicate: string,
    readonly code: OptionProblemCode | null = null,
  ) {
    super(predicate);
  }
}

/** The parsed value, or a Refusal with the parser's own words (the CLI and the API use the same). */
function take<T>(result: OptionResult<T>): T {
  if (result.ok) return result.value;
  throw new Refusal(result.problem.en, result.problem.code);
}

const integer =
  (range: IntegerRange) =>
  (raw: string): number =>
    take(parseInteger(raw, range));

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `cn-east:secret1,cn-north:secret2`. Refusals name the entry by position and vantage, never the
 * token, so a typo in a secret does not end up in a log.
 */
function parseAgentTokens(raw: string): AgentToken[] {
  const tokens: AgentToken[] = [];
  const seen = new Set<string>();
  list(raw).forEach((entry, index) => {
    const at = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Refusal(`must be <vantage>:<token> entries; ${at} has no ":"`);
    const vantage = entry.slice(0, colon).trim();
    const token = entry.slice(colon + 1).trim();
    if (!isVantageName(vantage)) {
      throw new Refusal(
        `${at}: the vantage must be ${VANTAGE_NAME_RULE.en}, not ${JSON.stringify(vantage.slice(0, 60))}`,
      );
    }
    if (vantage === LOCAL_VANTAGE) {
      throw new Refusal(`${at}: "${LOCAL_VANTAGE}" is the server's own vantage, not an agent's`);
    }
    if (token.length < AGENT_TOKEN_MIN_LENGTH) {
      throw new Refusal(
        `${at} (${vantage}): the token must have at least ${AGENT_TOKEN_MIN_LENGTH} characters`,
      );
    }
    if (/\s/.test(token)) throw new Refusal(`${at} (${vantage}): the token must not contain spaces`);
    if (seen.has(token)) throw new Refusal(`${at} (${vantage}): the token is already given to another entry`);
    seen.add(token);
    tokens.push({ vantage, token });
  });
  return tokens;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const CONFIG_VARS: readonly ConfigVar[] = [
  {
    name: 'PORT',
    default: '8787',
    zh: '监听端口（0 表示随机空闲端口）',
    en: 'port to listen on (0 picks a free one)',
    apply: (raw, c) => (c.port = integer({ min: 0, max: PORT_RANGE.max })(raw)),
  },
  {
    name: 'HOST',
    default: '127.0.0.1',
    zh: '监听地址；对外提供服务时设为 0.0.0.0 或 ::',
    en: 'address to listen on; 0.0.0.0 or :: to serve other machines',
    apply: (raw, c) => {
      const value = raw.trim();
      if (value !== 'localhost' && isIP(value) === 0) {
        throw new Refusal(`must be an IP address or localhost, not ${JSON.stringify(raw)}`);
      }
      c.host = value;
    },
  },
  {
    name: 'WXPROBE_DB',
    default: './data/wxprobe.db',
    zh: 'SQLite 数据库文件（目录会自动创建）；:memory: 表示只存内存',
    en: 'SQLite database file (its folder is created); :memory: keeps reports in memory only',
    apply: (raw, c) => {
      if (raw.trim() === '') throw new Refusal('must be a file path, not empty');
      c.dbPath = raw.trim();
    },
  },
  {
    name: 'WXPROBE_DATABASE_URL',
    default: '',
    zh: 'PostgreSQL 连接串（postgres://…）：报告存入 PostgreSQL，探测走 pg-boss 队列，多个服务进程可共用一个库；空表示 SQLite、进程内探测',
    en: 'PostgreSQL connection string (postgres://…): reports in PostgreSQL, probes on a pg-boss queue, many server processes on one database; empty: SQLite, in-process probes',
    apply: (raw, c) => {
      const value = raw.trim();
      if (value === '') return void (c.databaseUrl = null);
      if (!/^postgres(ql)?:\/\//.test(value))
        throw new Refusal(`must be a postgres:// or postgresql:// URL, not ${JSON.stringify(raw)}`);
      c.databaseUrl = value;
    },
  },
  {
    name: 'WXPROBE_LOCAL_PROBE',
    default: 'true',
    zh: '配置了数据库时：本进程也执行 local 探测点的队列任务（false 表示只接收请求）',
    en: 'with a database: this process also runs the `local` vantage’s queued probes (false: it only takes requests)',
    apply: (raw, c) => (c.localProbe = take(parseBoolean(raw))),
  },
  {
    name: 'WXPROBE_AGENT_TOKENS',
    default: '',
    zh: `探测代理的凭据 <探测点>:<令牌>，逗号分隔（探测点名：${VANTAGE_NAME_RULE.zh}，不能是 local；令牌至少 ${AGENT_TOKEN_MIN_LENGTH} 个字符、互不相同）；令牌决定代理的探测点`,
    en: `agent credentials <vantage>:<token>, comma-separated (vantage: ${VANTAGE_NAME_RULE.en}, not local; tokens at least ${AGENT_TOKEN_MIN_LENGTH} characters, all different); the token decides the agent's vantage`,
    apply: (raw, c) => (c.agentTokens = parseAgentTokens(raw)),
  },
  {
    name: 'WXPROBE_ALLOW_CIDRS',
    default: '',
    zh: '地址策略之外允许探测的网段，逗号分隔（例如实验室：127.0.0.0/8）',
    en: 'comma-separated CIDRs the probe may reach despite the address policy (lab: 127.0.0.0/8)',
    apply: (raw, c) => (c.allowCidrs = list(raw).map((item) => formatCidr(take(parseCidr(item))))),
  },
  {
    name: 'WXPROBE_ALLOW_PRIVATE',
    default: 'false',
    zh: '完全关闭地址策略（允许内网、回环、云元数据地址）——只用于私有部署',
    en: 'turn the address policy off (private, loopback, metadata addresses) — private deployments only',
    apply: (raw, c) => (c.allowPrivate = take(parseBoolean(raw))),
  },
  {
    name: 'WXPROBE_CA_FILE',
    default: '',
    zh: '额外信任的根证书 PEM 文件，逗号分隔（如实验室的 CA）',
    en: 'comma-separated PEM files of extra trusted roots (e.g. the lab CA)',
    apply: (raw, c) => {
      c.caFiles = list(raw);
      c.caPem = c.caFiles.map((path) => take(readCaFile(path)));
    },
  },
  {
    name: 'WXPROBE_DNS_SERVER',
    default: '',
    zh: '探测使用的 DNS 服务器 addr[:port]；空表示系统解析器',
    en: 'DNS server addr[:port] for the probe; empty uses the system resolver',
    apply: (raw, c) => (c.dnsServer = raw.trim() === '' ? null : take(parseDnsServer(raw))),
  },
  {
    name: 'WXPROBE_CONTROL_SNI',
    default: '',
    zh: '对照 SNI（一个已备案的知名域名）；空表示用探测的默认值',
    en: 'control SNI (a well-known name with ICP filing); empty uses the probe default',
    apply: (raw, c) => (c.controlSni = raw.trim() === '' ? null : take(parseHostName(raw))),
  },
  {
    name: 'WXPROBE_MAX_PROBES',
    default: '4',
    zh: '同时运行的探测数上限；满了返回 503 和 Retry-After',
    en: 'probes running at once; beyond it 503 with Retry-After',
    apply: (raw, c) => (c.maxProbes = integer({ min: 1, max: 256 })(raw)),
  },
  {
    name: 'WXPROBE_RATE_LIMIT',
    default: '120',
    zh: '每个客户端每分钟的 API 请求数',
    en: 'API requests per client per minute',
    apply: (raw, c) => (c.rateLimitPerMinute = integer({ min: 1, max: 100_000 })(raw)),
  },
  {
    name: 'WXPROBE_PROBE_RATE_LIMIT',
    default: '20',
    zh: '每个客户端每分钟可发起的探测数',
    en: 'probes a client may start per minute',
    apply: (raw, c) => (c.probeRateLimitPerMinute = integer({ min: 1, max: 10_000 })(raw)),
  },
  {
    name: 'WXPROBE_RETENTION_DAYS',
    default: '30',
    zh: '报告保留天数（0 表示永久保留）',
    en: 'days a report is kept (0 keeps them forever)',
    apply: (raw, c) => (c.retentionDays = integer({ min: 0, max: 36_500 })(raw)),
  },
  {
    name: 'WXPROBE_PUBLIC_URL',
    default: '',
    zh: '对外的网址，用于分享链接（如 https://wxprobe.example.com）',
    en: 'public base URL used in share links (e.g. https://wxprobe.example.com)',
    apply: (raw, c) => {
      const value = raw.trim().replace(/\/+$/, '');
      if (value === '') return void (c.publicUrl = null);
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new Refusal(`must be an http(s) URL, not ${JSON.stringify(raw)}`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Refusal(`must be an http(s) URL, not ${JSON.stringify(raw)}`);
      }
      c.publicUrl = value;
    },
  },
  {
    name: 'WXPROBE_ATTEMPTS',
    default: '10',
    zh: '每个 TLS 变体默认尝试次数',
    en: 'default attempts per TLS variant',
    apply: (raw, c) => (c.defaultAttempts = integer(OPTION_RANGES.attempts)(raw)),
  },
  {
    name: 'WXPROBE_MAX_ATTEMPTS',
    default: '30',
    zh: '请求可要求的最大尝试次数',
    en: 'most attempts a request may ask for',
    apply: (raw, c) => (c.maxAttempts = integer(OPTION_RANGES.attempts)(raw)),
  },
  {
    name: 'WXPROBE_PROBE_TIMEOUT_MS',
    default: '5000',
    zh: '探测每一步的超时（毫秒）',
    en: 'timeout of each probe step (ms)',
    apply: (raw, c) => (c.probeTimeoutMs = integer({ min: OPTION_RANGES.timeoutMs.min, max: 120_000 })(raw)),
  },
  {
    name: 'WXPROBE_PROBE_TOTAL_TIMEOUT_MS',
    default: '30000',
    zh: '一次探测的总时间上限（毫秒）',
    en: 'time budget of one whole probe (ms)',
    apply: (raw, c) => (c.probeTotalTimeoutMs = integer({ min: 1000, max: 600_000 })(raw)),
  },
  {
    name: 'WXPROBE_BODY_LIMIT',
    default: '2097152',
    zh: '请求体大小上限（字节）',
    en: 'request body size limit (bytes)',
    apply: (raw, c) => (c.bodyLimitBytes = integer({ min: 1024, max: 64 * 1024 * 1024 })(raw)),
  },
  {
    name: 'WXPROBE_MAX_JSON_DEPTH',
    default: '32',
    zh: '请求体 JSON 的最大嵌套层数（超过返回 400 和位置）',
    en: 'deepest nesting of a JSON request body (beyond it: 400 with the path)',
    apply: (raw, c) => (c.maxJsonDepth = integer({ min: 8, max: 512 })(raw)),
  },
  {
    name: 'WXPROBE_MAX_JSON_NODES',
    default: '100000',
    zh: '请求体 JSON 中值的最大个数（超过返回 400 和位置）',
    en: 'most values in a JSON request body (beyond it: 400 with the path)',
    apply: (raw, c) => (c.maxJsonNodes = integer({ min: 1000, max: 10_000_000 })(raw)),
  },
  {
    name: 'WXPROBE_CLASSIFY_MAX_CHARS',
    default: '65536',
    zh: '一次 /api/v1/classify 请求可分类的字符总数（超过返回 413）',
    en: 'characters one /api/v1/classify request may classify in total (beyond it: 413)',
    apply: (raw, c) => (c.classifyMaxChars = integer({ min: 4096, max: 10_000_000 })(raw)),
  },
  {
    name: 'WXPROBE_REQUEST_TIMEOUT_MS',
    default: '30000',
    zh: '接收一个完整请求的时间上限（毫秒）',
    en: 'time allowed to receive a whole request (ms)',
    apply: (raw, c) => (c.requestTimeoutMs = integer({ min: 1000, max: 600_000 })(raw)),
  },
  {
    name: 'WXPROBE_TRUST_PROXY',
    default: 'false',
    zh: '在反向代理之后：按 X-Forwarded-For 识别客户端（限流用）',
    en: 'behind a reverse proxy: identify clients by X-Forwarded-For (for rate limits)',
    apply: (raw, c) => (c.trustProxy = take(parseBoolean(raw))),
  },
  {
    name: 'WXPROBE_LOG_LEVEL',
    default: 'info',
    zh: `日志级别：${LOG_LEVELS.join('、')}`,
    en: `log level: ${LOG_LEVELS.join(', ')}`,
    apply: (raw, c) => {
      const value = raw.trim() as ServerConfig['logLevel'];
      if (!LOG_LEVELS.includes(value)) {
        throw new Refusal(`must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(raw)}`);
      }
      c.logLevel = value;
    },
  },
];

/** Reads and checks every variable; collects all problems before failing so one run shows them all. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const config = defineConfig();
  const issues: ConfigIssue[] = [];
  for (const variable of CONFIG_VARS) {
    const raw = env[variable.name];
    if (raw === undefined) continue;
    try {
      variable.apply(raw, config);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      issues.push({
        variable: variable.name,
        message: `${variable.name} ${error.predicate}`,
        code: error.code,
      });
    }
  }
  if (config.defaultAttempts > config.maxAttempts) {
    issues.push({
      variable: 'WXPROBE_ATTEMPTS',
      message: `WXPROBE_ATTEMPTS (${config.defaultAttempts}) must not exceed WXPROBE_MAX_ATTEMPTS (${config.maxAttempts})`,
      code: null,
    });
  }
  if (config.probeTimeoutMs > config.probeTotalTimeoutMs) {
    issues.push({
      variable: 'WXPROBE_PROBE_TIMEOUT_MS',
      message: `WXPROBE_PROBE_TIMEOUT_MS (${config.probeTimeoutMs}) must not exceed WXPROBE_PROBE_TOTAL_TIMEOUT_MS (${config.probeTotalTimeoutMs})`,
      code: null,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}
