/**
 * Short notes the probe attaches to its progress events ("why was this step skipped?"), by stable
 * code. The probe sends the code (and its English detail, for older readers); every presentation —
 * the CLI, the web page's live progress — says it in the reader's language from this one table.
 */
import type { ProbeNote, ProbeStep, ProgressStatus } from '../observations/vocabulary';
import type { Lang, Localized } from '../taxonomy/codes';

export const PROBE_NOTE_TEXTS = {
  'bad-url': { zh: 'URL 无法解析', en: 'the URL cannot be parsed' },
  'no-address': { zh: '没有解析到地址', en: 'no address' },
  'policy-refused': { zh: '被地址策略拒绝', en: 'refused by the address policy' },
  'no-tcp': { zh: '没有建立 TCP 连接', en: 'no TCP connection' },
  'not-tls': { zh: '不是 TLS 地址', en: 'not TLS' },
  'not-http': { zh: '不是 HTTP 地址', en: 'not an HTTP URL' },
  'budget-ended': { zh: '探测总时限已到', en: 'probe budget ended' },
  interrupted: { zh: '已中断', en: 'interrupted' },
} as const satisfies Record<ProbeNote, Localized>;

/**
 * The probe's steps (`observation.steps` keys, progress `step`) as a reader names them: the CLI's
 * progress lines and "unfinished" row, the web page's step table and live progress, the diagnosis'
 * "steps not finished". Keyed by the contract's step names (shared/observations/vocabulary.ts
 * `PROBE_STEPS`): a step added there without a label here fails to compile.
 */
export const PROBE_STEP_LABELS: Record<ProbeStep, Localized> & Record<string, Localized> = {
  target: { zh: '解析 URL', en: 'Parse URL' },
  dns: { zh: 'DNS 解析', en: 'DNS lookup' },
  policy: { zh: '地址安全检查', en: 'Address policy' },
  tcp: { zh: 'TCP 连接', en: 'TCP connect' },
  tls: { zh: 'TLS 握手（各变体）', en: 'TLS handshakes' },
  certificate: { zh: '证书链', en: 'Certificate chain' },
  http: { zh: 'HTTP 请求', en: 'HTTP request' },
  port80: { zh: '明文 HTTP 拦截页检查', en: 'Plain-HTTP block page check' },
} satisfies Record<ProbeStep, Localized>;

const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** A step's name in `lang`; an unknown step is shown as its raw name, never "undefined". */
export function probeStepLabel(step: string, lang: Lang): string {
  return has(PROBE_STEP_LABELS, step) ? (PROBE_STEP_LABELS[step] as Localized)[lang] : step;
}

/** How a step ended (`observation.steps` values), plus `start` of the live progress. */
export const STEP_STATUS_LABELS = {
  start: { zh: '开始', en: 'started' },
  done: { zh: '完成', en: 'done' },
  error: { zh: '出错', en: 'error' },
  timeout: { zh: '超时', en: 'timed out' },
  refused: { zh: '被地址策略拒绝', en: 'refused by the address policy' },
  skipped: { zh: '跳过', en: 'skipped' },
} as const satisfies Record<ProgressStatus, Localized>;

/** A step status in `lang`; an unknown one is shown raw. */
export function stepStatusLabel(status: string, lang: Lang): string {
  return has(STEP_STATUS_LABELS, status)
    ? STEP_STATUS_LABELS[status as keyof typeof STEP_STATUS_LABELS][lang]
    : status;
}

export function isProbeNote(value: unknown): value is ProbeNote {
  return typeof value === 'string' && has(PROBE_NOTE_TEXTS, value);
}

/**
 * The note of a progress event in `lang`; without a known code, the event's own detail (which may be a
 * raw English text, e.g. a policy reason) or null.
 */
export function probeNoteText(
  event: { note?: string | undefined; detail?: string | undefined },
  lang: Lang,
): string | null {
  if (isProbeNote(event.note)) return PROBE_NOTE_TEXTS[event.note][lang];
  return event.detail ?? null;
}
