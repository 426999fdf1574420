/**
 * Every fixed text of the web pages, Chinese first, English beside it. Diagnosis texts come from the
 * report itself (shared/diagnose); these are only the page's own labels.
 */
import type { Lang, Localized } from '../../../shared/taxonomy/codes';

export const UI = {
  appTitle: { zh: 'wxprobe：小程序请求为什么失败', en: 'wxprobe: why wx.request fails' },
  tagline: {
    zh: '从服务器外部探测一个 URL：DNS、TCP、多种 SNI 的 TLS、证书链、HTTP 和 80 端口，给出原因、证据和修复办法。',
    en: 'Probe a URL from outside: DNS, TCP, TLS with several SNIs, the certificate chain, HTTP and port 80 — with the cause, the evidence and the fix.',
  },
  phoneHint: {
    zh: '手机上看到的错误请用 wxprobe 小程序采集：它会把手机视角一起提交，诊断会对比两边。',
    en: 'Collect what the phone sees with the wxprobe mini-program: it submits the phone view too, and the diagnosis compares both.',
  },
  policyHint: {
    zh: '为安全起见，内网、回环和云元数据地址默认不探测。',
    en: 'For safety, private, loopback and cloud-metadata addresses are not probed by default.',
  },
  urlLabel: { zh: '要探测的 URL', en: 'URL to probe' },
  attemptsLabel: { zh: '每个 TLS 变体尝试次数', en: 'Attempts per TLS variant' },
  timeoutLabel: { zh: '每步超时（毫秒，可空）', en: 'Timeout per step (ms, optional)' },
  controlSniLabel: { zh: '对照 SNI（可空）', en: 'Control SNI (optional)' },
  clientLabel: {
    zh: '手机视角（可空）：粘贴小程序「复制 JSON」导出的内容，与这次外部探测一起诊断',
    en: 'Phone view (optional): paste what the mini-program’s “Copy JSON” exported, to diagnose it with this probe',
  },
  clientFileLabel: { zh: '或选择导出的 JSON 文件', en: 'or choose the exported JSON file' },
  httpPortLabel: { zh: '明文 HTTP 检查端口（默认 80）', en: 'Plain-HTTP check port (default 80)' },
  advanced: { zh: '更多选项', en: 'More options' },
  submit: { zh: '开始探测', en: 'Probe' },
  progressTitle: { zh: '探测进度', en: 'Progress' },
  progressStarting: { zh: '已开始，等待第一步……', en: 'Started, waiting for the first step…' },
  progressDone: { zh: '完成，正在打开报告……', en: 'Done, opening the report…' },
  progressFailed: { zh: '探测失败：', en: 'The probe failed: ' },
  noScript: {
    zh: '没有 JavaScript 也可以用：提交后等待几秒到几十秒，报告会直接打开。',
    en: 'Works without JavaScript too: after submitting, wait a few seconds; the report opens by itself.',
  },
  verdicts: { zh: '结论', en: 'Verdicts' },
  confidence: { zh: '置信度', en: 'confidence' },
  evidence: { zh: '证据', en: 'Evidence' },
  phoneView: { zh: '手机视角', en: 'Phone view' },
  serverView: { zh: '服务器视角', en: 'Server view' },
  noClient: {
    zh: '这份报告没有手机视角。用 wxprobe 小程序在出问题的手机上跑一次，诊断会对比两边。',
    en: 'This report has no phone view. Run the wxprobe mini-program on the failing phone to compare both sides.',
  },
  noProbe: {
    zh: '这份报告没有服务器视角（提交时选择了不探测）。',
    en: 'This report has no server view (the probe was skipped when it was submitted).',
  },
  downloadJson: { zh: '下载原始 JSON', en: 'Download raw JSON' },
  rawJson: { zh: '原始 JSON', en: 'Raw JSON' },
  rawJsonFolded: {
    zh: '预览：超过 {depth} 层的嵌套已折叠，过长的字符串已截断。完整内容请',
    en: 'Preview: nesting deeper than {depth} levels is folded and long strings are cut. The whole document:',
  },
  rawJsonCut: {
    zh: '预览：只显示前 {chars} 个字符，超过 {depth} 层的嵌套已折叠。完整内容请',
    en: 'Preview: only the first {chars} characters, nesting deeper than {depth} levels folded. The whole document:',
  },
  moreAttempts: {
    zh: '只列出前 {shown} 次尝试（共 {total} 次），其余在原始 JSON 中。',
    en: 'Only the first {shown} of {total} attempts are listed; the rest are in the raw JSON.',
  },
  citedParts: { zh: '证据引用的观测', en: 'Observations the evidence cites' },
  citedNote: {
    zh: '每条证据链接到它引用的那部分观测（JSON Pointer 指向本报告的位置）。',
    en: 'Each evidence line links here, to the part of the observations it cites (a JSON Pointer into this report).',
  },
  citedMissing: { zh: '（本报告中没有这一部分）', en: '(not in this report)' },
  moreEvidence: { zh: '……另有 {n} 条，见原始 JSON。', en: '…and {n} more in the raw JSON.' },
  moreVerdicts: {
    zh: '另有 {n} 条可能性较低的结论，见原始 JSON。',
    en: '{n} less likely verdicts are in the raw JSON.',
  },
  shareLink: { zh: '分享链接', en: 'Share link' },
  createdAt: { zh: '生成时间', en: 'Created' },
  rulesVersion: { zh: '规则版本', en: 'Rules version' },
  newProbe: { zh: '再探测一个', en: 'Probe another' },
  language: { zh: 'English', en: '中文' },
  waterfall: { zh: '各阶段耗时', en: 'Timing by phase' },
  probeWaterfallNote: {
    zh: '各阶段分别测量，依次排列。',
    en: 'Each phase is measured on its own and laid end to end.',
  },
  clientWaterfallNote: { zh: '来自第 {n} 次尝试的 profile。', en: 'From the profile of attempt {n}.' },
  environment: { zh: '环境', en: 'Environment' },
  attempts: { zh: '每次尝试', en: 'Attempts' },
  result: { zh: '结果', en: 'Result' },
  ok: { zh: '成功', en: 'ok' },
  failed: { zh: '失败', en: 'failed' },
  duration: { zh: '耗时', en: 'Time' },
  errorClass: { zh: '分类', en: 'Class' },
  summary: { zh: '{ok}/{total} 次成功', en: '{ok}/{total} succeeded' },
  target: { zh: '目标', en: 'Target' },
  steps: { zh: '各步骤', en: 'Steps' },
  dns: { zh: 'DNS 解析', en: 'DNS' },
  policy: { zh: '地址策略', en: 'Address policy' },
  tcp: { zh: 'TCP 连接', en: 'TCP connect' },
  tlsVariants: { zh: 'TLS 握手（不同 SNI）', en: 'TLS handshakes (by SNI)' },
  tlsVersions: { zh: 'TLS 版本', en: 'TLS versions' },
  certificate: { zh: '证书链', en: 'Certificate chain' },
  http: { zh: 'HTTP', en: 'HTTP' },
  port80: { zh: '80 端口（明文 HTTP）', en: 'Port 80 (plain HTTP)' },
  none: { zh: '无', en: 'none' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  refused: { zh: '已拒绝', en: 'refused' },
  allowed: { zh: '允许', en: 'allowed' },
  pinned: { zh: '固定连接地址', en: 'Pinned address' },
  verify: { zh: '校验（不含 AIA）', en: 'Verification (no AIA)' },
  verifyAia: { zh: '补全 AIA 后校验', en: 'Verification with AIA' },
  hostnameCheck: { zh: '主机名匹配', en: 'Host name match' },
  ocsp: { zh: 'OCSP 装订', en: 'OCSP stapled' },
  notFoundTitle: { zh: '没有这份报告', en: 'No such report' },
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  backHome: { zh: '回到首页', en: 'Back to the start page' },
  apiDocs: { zh: 'API 文档', en: 'API docs' },
} as const satisfies Record<string, Localized>;

export type UiKey = keyof typeof UI;

export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
