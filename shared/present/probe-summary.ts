/**
 * 服务器视角 in brief: one row per thing the outside probe found — DNS, the address policy, TCP, each
 * TLS variant's success ratio and endings, the TLS versions, the certificate and its chain, each HTTP
 * hop, the plain-HTTP page, unfinished steps. A row is a label and a run of toned text pieces; the
 * CLI colours the pieces (ANSI), the mini-program shows their text with the row's tone. Every fact
 * comes from the observation; raw errors are said by their code in the reader's language.
 */
import type { AttemptPlan, ProbeDns, ProbeObservation, TlsAttempt } from '../observations/probe';
import type { Lang } from '../taxonomy/codes';
import { tlsVersionName } from '../observations/vocabulary';
import { policyCategoryText, probeErrorText } from './labels';
import { probeStepLabel } from './notes';
import { endingSummary, variantLabel } from './variants';

/** How a piece reads: good, bad, in between (a partial success, an unfinished step), secondary. */
export type PieceTone = '' | 'ok' | 'bad' | 'warn' | 'dim';
export type Piece = { text: string; tone: PieceTone };
/** A row's overall tone, for a medium that colours a row, not its pieces. */
export type RowTone = '' | 'ok' | 'bad';
export type SummaryRow = { key: string; label: string; pieces: Piece[]; tone: RowTone };

const tr = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const ms = (n: number | null | undefined) => (typeof n === 'number' ? `${Math.round(n)} ms` : '-');
const p = (text: string, tone: PieceTone = ''): Piece => ({ text, tone });

function rowTone(pieces: readonly Piece[]): RowTone {
  if (pieces.some((x) => x.tone === 'bad' || x.tone === 'warn')) return 'bad';
  return pieces.some((x) => x.tone === 'ok') ? 'ok' : '';
}

/**
 * The row's pieces as one plain text. The pieces keep a terminal's two-space column gaps; a medium
 * that does not line up columns passes `gap` (e.g. ` · `) to say them its way.
 */
export function rowText(row: Pick<SummaryRow, 'pieces'>, gap?: string): string {
  const text = row.pieces.map((x) => x.text).join('');
  return gap === undefined ? text : text.trim().replace(/ {2,}/g, gap);
}

function ratio(ok: number, total: number): Piece {
  const text = `${ok}/${total}`;
  if (total === 0) return p(text, 'dim');
  return p(text, ok === total ? 'ok' : ok === 0 ? 'bad' : 'warn');
}

function attemptText(a: TlsAttempt, lang: Lang): string {
  if (a.ok) return [a.protocol ? tlsVersionName(a.protocol) : null, a.alpn].filter(Boolean).join(' ');
  if (a.alert) return `${tr(lang, '告警', 'alert')} ${a.alert.code} ${a.alert.description}`;
  return a.error ? probeErrorText(a.error, lang).slice(0, 100) : a.end;
}

/** How many handshakes each variant got and why: `每种变体 4 次（自适应：结果全部一致，提前结束；上限 10）`. */
export function attemptPlanText(plan: AttemptPlan, run: number, lang: Lang): string {
  const pText = plan.escalation ? plan.escalation.pValue.toPrecision(2) : '?';
  const why: Record<AttemptPlan['reason'], [string, string]> = {
    'all-consistent': [
      `自适应：结果全部一致，提前结束；上限 ${plan.requested}`,
      `adaptive: all consistent, stopped early; up to ${plan.requested}`,
    ],
    'outcome-differs': ['自适应：出现失败，跑满次数', 'adaptive: a failure was seen, full count'],
    exact: ['按 --attempts 指定的次数', 'exactly as requested by --attempts'],
    'within-early-stop': [
      '自适应：所请求的次数不多于提前结束的次数',
      'adaptive: no more requested than the early stop',
    ],
    'close-to-significance': [
      `自适应：差异接近显著 p = ${pText}，追加一轮；原定 ${plan.requested}`,
      `adaptive: differential close to significance, p = ${pText}, one more round; requested ${plan.requested}`,
    ],
  };
  const [zh, en] = why[plan.reason];
  return tr(lang, `每种变体 ${run} 次（${zh}）`, `${run} attempts per variant (${en})`);
}

/** What `errors` of a DNS answer say, the same error for A and AAAA said once: `A/AAAA 域名不存在（ENOTFOUND）`. */
function dnsErrors(errors: ProbeDns['errors'], lang: Lang): string {
  const byText = new Map<string, string[]>();
  for (const e of errors) {
    const text = probeErrorText({ code: e.code, syscall: null, message: e.code ?? e.message }, lang);
    byText.set(text, [...(byText.get(text) ?? []), e.rrtype]);
  }
  return [...byText].map(([text, types]) => `${types.join('/')} ${text}`).join(', ');
}

/** The ports the probe checked, for the section title: `127.77.0.12 · TLS :40437 · 明文 HTTP :43683`. */
export function checkedPorts(probe: ProbeObservation, lang: Lang): string {
  const parts: string[] = [];
  if (probe.policy?.pinned) parts.push(probe.policy.pinned);
  if (probe.tcp || probe.tls) {
    const secure = probe.target.scheme === 'https' || probe.target.scheme === 'wss';
    parts.push(`${secure ? 'TLS' : 'TCP'} :${probe.tls?.port ?? probe.target.port}`);
  }
  if (probe.port80 && probe.port80.status !== 'skipped')
    parts.push(`${tr(lang, '明文 HTTP', 'plain HTTP')} :${probe.options.httpPort ?? 80}`);
  return parts.join(' · ');
}

function certificateRows(probe: ProbeObservation, lang: Lang, push: Push): void {
  const cert = probe.certificate;
  if (!cert) return;
  const leaf = cert.chain[0];
  if (leaf)
    push('certificate', tr(lang, '证书', 'certificate'), [
      p(`${leaf.subject.replace(/\n/g, ', ')}  `),
      p(`${leaf.notBefore} → ${leaf.notAfter}`, 'dim'),
    ]);
  const pieces = [
    p(`${cert.chain.length} ${tr(lang, '张', 'cert(s)')}  `),
    cert.verify.ok
      ? p(tr(lang, '验证通过', 'verified'), 'ok')
      : p(probeErrorText(cert.verify.error, lang) || tr(lang, '验证失败', 'verify failed'), 'bad'),
  ];
  if (!cert.hostname.ok)
    pieces.push(
      p('  '),
      p(probeErrorText(cert.hostname.error, lang) || tr(lang, '域名不符', 'hostname mismatch'), 'bad'),
    );
  const aia = cert.aia;
  if (aia) {
    pieces.push(p('  AIA: '));
    if (!aia.fetched)
      pieces.push(p(probeErrorText(aia.error, lang) || tr(lang, '没有下载到', 'not fetched'), 'bad'));
    else if (aia.verify?.ok)
      pieces.push(p(tr(lang, '补全后验证通过', 'verified with the fetched issuer'), 'ok'));
    else pieces.push(p(probeErrorText(aia.verify?.error, lang) || tr(lang, '验证失败', 'fail'), 'bad'));
  }
  push('chain', tr(lang, '证书链', 'chain'), pieces);
}

type Push = (key: string, label: string, pieces: Piece[]) => void;

export function probeSummaryRows(probe: ProbeObservation, lang: Lang): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const push: Push = (key, label, pieces) => rows.push({ key, label, pieces, tone: rowTone(pieces) });
  const t = probe.target;
  if (t.error) push('target', 'URL', [p(`${tr(lang, '无法解析：', 'cannot parse: ')}${t.error}`, 'bad')]);
  const dns = probe.dns;
  if (dns) {
    const answers = dns.answers.map((a) => a.address).join(', ');
    const errors = dnsErrors(dns.errors, lang);
    push('dns', 'DNS', [
      answers ? p(answers, 'ok') : p(errors || tr(lang, '无结果', 'no answer'), 'bad'),
      p('  '),
      p(ms(dns.durationMs), 'dim'),
    ]);
  }
  for (const c of probe.policy?.checks.filter((c) => !c.allowed) ?? [])
    push('policy', tr(lang, '地址策略', 'policy'), [
      p(
        lang === 'en'
          ? `${c.address} ${c.category}: ${c.reason ?? ''}`
          : `${c.address} ${policyCategoryText(c.category, lang)}，被拒绝`,
        'bad',
      ),
    ]);
  for (const r of probe.tcp?.results ?? [])
    push('tcp', `TCP :${r.port}`, [
      p(`${r.address}:${r.port} `),
      r.ok ? p('ok', 'ok') : p(probeErrorText(r.error, lang) || tr(lang, '失败', 'fail'), 'bad'),
      p('  '),
      p(ms(r.durationMs), 'dim'),
    ]);
  for (const v of probe.tls?.variants ?? []) {
    const label = `TLS ${variantLabel(v.id, lang)}`;
    if (v.total === 0) {
      // an interrupted run (or one cut by the budget) may end before a variant's first attempt
      push(`tls:${v.id}`, label, [p(`-  ${v.sni ?? '-'}  ${tr(lang, '没有测到', 'not measured')}`, 'dim')]);
      continue;
    }
    const first = v.attempts.find((a) => !a.ok) ?? v.attempts[0];
    const median = v.attempts.map((a) => a.durationMs).sort((a, b) => a - b)[
      Math.floor(v.attempts.length / 2)
    ];
    push(`tls:${v.id}`, label, [
      ratio(v.okCount, v.total),
      p(`  ${v.sni ?? '-'}  ${endingSummary(v.attempts, lang)}  `),
      p(first ? attemptText(first, lang) : '', 'dim'),
      p('  '),
      p(ms(median), 'dim'),
    ]);
  }
  const plan = probe.tls?.attemptPlan;
  if (plan) {
    const run = Math.max(0, ...(probe.tls?.variants ?? []).map((v) => v.total));
    push('tls-attempts', tr(lang, 'TLS 次数', 'TLS attempts'), [p(attemptPlanText(plan, run, lang), 'dim')]);
  }
  const versions = probe.tls?.versions ?? [];
  if (versions.length)
    push(
      'tls-versions',
      tr(lang, 'TLS 版本', 'TLS versions'),
      versions.flatMap((v, i) => [
        p(`${i ? '  ' : ''}${tlsVersionName(v.version)} `),
        v.attempt.ok ? p('✓', 'ok') : p('✗', 'bad'),
      ]),
    );
  certificateRows(probe, lang, push);
  for (const hop of probe.http?.hops ?? [])
    push('http', 'HTTP', [
      hop.statusCode !== null
        ? p(String(hop.statusCode), hop.statusCode < 400 ? 'ok' : 'bad')
        : p(probeErrorText(hop.error, lang) || tr(lang, '出错', 'error'), 'bad'),
      p(` ${hop.url}  ${hop.protocol ?? ''}  `),
      p(`TTFB ${ms(hop.ttfbMs)}`, 'dim'),
    ]);
  const p80 = probe.port80;
  if (p80 && p80.status !== 'skipped')
    push('port80', `${tr(lang, '明文 HTTP', 'HTTP')} :${probe.options.httpPort ?? 80}`, [
      p80.statusCode !== null
        ? p(
            `${p80.statusCode}${p80.server ? ` Server: ${p80.server}` : ''}${p80.location ? ` → ${p80.location}` : ''}${p80.title ? ` 《${p80.title}》` : ''}`,
          )
        : p(probeErrorText(p80.error, lang) || p80.status, 'dim'),
    ]);
  const names = (steps: readonly string[]) =>
    steps.map((s) => probeStepLabel(s, lang)).join(tr(lang, '、', ', '));
  const unfinished = Object.entries(probe.steps)
    .filter(([, s]) => s === 'timeout')
    .map(([k]) => k);
  if (unfinished.length) push('unfinished', tr(lang, '未完成', 'unfinished'), [p(names(unfinished), 'warn')]);
  if (probe.interrupted)
    push('interrupted', tr(lang, '已中断', 'interrupted'), [
      p(names(probe.interrupted.steps) || tr(lang, '（全部已完成）', '(all had finished)'), 'warn'),
    ]);
  return rows;
}
