/**
 * The table `npm run lab` prints: one block per case with its URL, address, what is wrong and the
 * exact `wxprobe probe` command to try it. Plain text, Chinese by default.
 */
import type { Lang } from '../../shared/taxonomy/codes';
import type { Lab, LabEndpoint } from './lab';
import { displayWidth } from '../src/cli/render/columns';
import { LAB_CASES } from './manifest';

const HEADINGS = {
  zh: { case: '案例', url: 'URL', address: '地址', wrong: '问题', cause: '预期诊断' },
  en: { case: 'case', url: 'URL', address: 'address', wrong: 'what is wrong', cause: 'expected cause' },
} as const;

const TEXT = {
  zh: {
    title: 'wxprobe 实验室：本机回环地址上的真实故障端点',
    dns: 'DNS 服务器（UDP）',
    ca: '实验室根证书',
    aia: 'AIA 服务器',
    seed: 'ICP 过滤器随机种子',
    skipped: '已跳过',
    stop: '按 Ctrl-C 停止（会清理临时文件）。',
    howToRun: '在仓库目录里原样运行上面的命令（npx 找到的是本仓库的 wxprobe，不需要全局安装）。',
    dnsCase: 'DNS 案例',
  },
  en: {
    title: 'wxprobe lab: real misbehaving endpoints on loopback',
    dns: 'DNS server (UDP)',
    ca: 'lab root CA',
    aia: 'AIA server',
    seed: 'ICP filter seed',
    skipped: 'skipped',
    stop: 'Press Ctrl-C to stop (temp files are removed).',
    howToRun:
      'Run the commands above as they are from the repository (npx finds its own wxprobe; nothing to install globally).',
    dnsCase: 'DNS case',
  },
} as const;

/** Quotes an argument for a POSIX shell only when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command as a user types it in the repository: `npx wxprobe …` (the package's own bin), never a
 * bare `wxprobe`, which is on nobody's PATH unless installed globally.
 */
export function probeCommand(endpoint: LabEndpoint): string {
  return ['npx', 'wxprobe', ...endpoint.probeArgs].map(shellQuote).join(' ');
}

function pad(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? `${text} ` : text + ' '.repeat(width - w);
}

export function renderLabTable(lab: Lab, lang: Lang): string {
  const h = HEADINGS[lang];
  const t = TEXT[lang];
  const rows = lab.endpoints.map((endpoint) => {
    const dnsCase = LAB_CASES.some((c) => c.case === endpoint.case && c.group === 'dns');
    const address = dnsCase
      ? t.dnsCase
      : endpoint.httpPort === null
        ? endpoint.address
        : `${endpoint.address} (http :${endpoint.httpPort})`;
    return { endpoint, address };
  });
  const caseWidth = Math.max(displayWidth(h.case), ...rows.map((r) => r.endpoint.case.length)) + 2;
  const urlWidth = Math.max(displayWidth(h.url), ...rows.map((r) => r.endpoint.url.length)) + 2;
  const addressWidth = Math.max(displayWidth(h.address), ...rows.map((r) => displayWidth(r.address))) + 2;
  const lines: string[] = [t.title, ''];
  lines.push(`${pad(h.case, caseWidth)}${pad(h.url, urlWidth)}${pad(h.address, addressWidth)}${h.wrong}`);
  for (const { endpoint, address } of rows) {
    lines.push(
      `${pad(endpoint.case, caseWidth)}${pad(endpoint.url, urlWidth)}${pad(address, addressWidth)}${endpoint.wrong[lang]}`,
    );
    lines.push(`${' '.repeat(caseWidth)}${h.cause}: ${endpoint.expectedCause}`);
    lines.push(`${' '.repeat(caseWidth)}$ ${probeCommand(endpoint)}`);
  }
  for (const skip of lab.skipped)
    lines.push(`${pad(skip.case, caseWidth)}${t.skipped}: ${skip.reason[lang]}`);
  lines.push('');
  lines.push(`${t.dns}: ${lab.dnsServer.address}:${lab.dnsServer.port}`);
  lines.push(`${t.ca}: ${lab.caFile}`);
  lines.push(`${t.aia}: ${lab.aia.baseUrl} (${lab.aia.address})`);
  lines.push(`${t.seed}: ${lab.seed}`);
  lines.push('');
  lines.push(t.howToRun);
  lines.push(t.stop);
  return lines.join('\n');
}
