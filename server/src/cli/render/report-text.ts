/**
 * Human output of a `wxprobe.report/1` for the terminal: a compact table of what each view saw
 * (phases, TLS variants with success ratios, versions, chain, HTTP), then the verdicts with
 * evidence and fix. Presentation only: every fact comes from the report.
 */
import type {
  ClientObservation,
  ProbeDns,
  ProbeObservation,
  Report,
  TlsAttempt,
  Verdict,
} from '../../../../shared/observations/index';
import { policyCategoryText, probeErrorText, tlsVersionName } from '../../../../shared/present/labels';
import { probeStepLabel } from '../../../../shared/present/notes';
import { happenedPhases, representativeAttempt } from '../../../../shared/present/phases';
import { endingSummary, variantLabel } from '../../../../shared/present/variants';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { makeStyle, table, type Style } from './style';

type Opts = {
  lang: Lang;
  color: boolean;
  /** lines to show under the title (e.g. "the client view measured another path") */
  notes?: string[];
};

const tr = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const ms = (n: number | null | undefined) => (typeof n === 'number' ? `${Math.round(n)} ms` : '-');

/** Step names as the CLI says them (progress lines, "unfinished" rows): the shared table. */
export const stepName = (step: string, lang: Lang) => probeStepLabel(step, lang);

function ratio(style: Style, ok: number, total: number): string {
  const text = `${ok}/${total}`;
  if (total === 0) return style.dim(text);
  return ok === total ? style.green(text) : ok === 0 ? style.red(text) : style.yellow(text);
}

function attemptError(a: TlsAttempt, lang: Lang): string {
  if (a.ok) return [a.protocol ? tlsVersionName(a.protocol) : null, a.alpn].filter(Boolean).join(' ');
  if (a.alert) return `${tr(lang, '告警', 'alert')} ${a.alert.code} ${a.alert.description}`;
  return a.error ? probeErrorText(a.error, lang).slice(0, 100) : a.end;
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

/** The ports the probe checked, for the section title: `127.77.0.12 · TLS :40437 · HTTP :43683`. */
function checkedPorts(probe: ProbeObservation, lang: Lang): string {
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

export function renderProbe(probe: ProbeObservation, lang: Lang, style: Style): string {
  const rows: string[][] = [];
  const t = probe.target;
  if (t.error) rows.push(['URL', style.red(`${tr(lang, '无法解析：', 'cannot parse: ')}${t.error}`)]);
  const dns = probe.dns;
  if (dns) {
    const answers = dns.answers.map((a) => a.address).join(', ');
    const errors = dnsErrors(dns.errors, lang);
    rows.push([
      'DNS',
      `${answers || style.red(errors || tr(lang, '无结果', 'no answer'))}  ${style.dim(ms(dns.durationMs))}`,
    ]);
  }
  const policy = probe.policy;
  if (policy) {
    for (const c of policy.checks.filter((c) => !c.allowed))
      rows.push([
        tr(lang, '地址策略', 'policy'),
        style.red(
          lang === 'en'
            ? `${c.address} ${c.category}: ${c.reason ?? ''}`
            : `${c.address} ${policyCategoryText(c.category, lang)}，被拒绝`,
        ),
      ]);
  }
  for (const r of probe.tcp?.results ?? []) {
    rows.push([
      `TCP :${r.port}`,
      `${r.address}:${r.port} ${r.ok ? style.green('ok') : style.red(probeErrorText(r.error, lang) || tr(lang, '失败', 'fail'))}  ${style.dim(ms(r.durationMs))}`,
    ]);
  }
  for (const v of probe.tls?.variants ?? []) {
    const label = variantLabel(v.id, lang);
    const first = v.attempts.find((a) => !a.ok) ?? v.attempts[0];
    const median = v.attempts.map((a) => a.durationMs).sort((a, b) => a - b)[
      Math.floor(v.attempts.length / 2)
    ];
    if (v.total === 0) {
      // an interrupted run (or one cut by the budget) may end before a variant's first attempt
      rows.push([`TLS ${label}`, style.dim(`-  ${v.sni ?? '-'}  ${tr(lang, '没有测到', 'not measured')}`)]);
      continue;
    }
    rows.push([
      `TLS ${label}`,
      `${ratio(style, v.okCount, v.total)}  ${v.sni ?? '-'}  ${endingSummary(v.attempts, lang)}  ${first ? style.dim(attemptError(first, lang)) : ''}  ${style.dim(ms(median))}`,
    ]);
  }
  const versions = probe.tls?.versions ?? [];
  if (versions.length) {
    rows.push([
      tr(lang, 'TLS 版本', 'TLS versions'),
      versions
        .map((v) => `${tlsVersionName(v.version)} ${v.attempt.ok ? style.green('✓') : style.red('✗')}`)
        .join('  '),
    ]);
  }
  const cert = probe.certificate;
  if (cert) {
    const leaf = cert.chain[0];
    if (leaf)
      rows.push([
        tr(lang, '证书', 'certificate'),
        `${leaf.subject.replace(/\n/g, ', ')}  ${style.dim(`${leaf.notBefore} → ${leaf.notAfter}`)}`,
      ]);
    const verify = cert.verify.ok
      ? style.green(tr(lang, '验证通过', 'verified'))
      : style.red(probeErrorText(cert.verify.error, lang) || tr(lang, '验证失败', 'verify failed'));
    const hostname = cert.hostname.ok
      ? ''
      : '  ' +
        style.red(probeErrorText(cert.hostname.error, lang) || tr(lang, '域名不符', 'hostname mismatch'));
    const aia = cert.aia
      ? `  AIA: ${
          cert.aia.fetched
            ? cert.aia.verify?.ok
              ? style.green(tr(lang, '补全后验证通过', 'verified with the fetched issuer'))
              : style.red(probeErrorText(cert.aia.verify?.error, lang) || tr(lang, '验证失败', 'fail'))
            : style.red(probeErrorText(cert.aia.error, lang) || tr(lang, '没有下载到', 'not fetched'))
        }`
      : '';
    rows.push([
      tr(lang, '证书链', 'chain'),
      `${cert.chain.length} ${tr(lang, '张', 'cert(s)')}  ${verify}${hostname}${aia}`,
    ]);
  }
  for (const hop of probe.http?.hops ?? []) {
    rows.push([
      'HTTP',
      `${hop.statusCode ?? style.red(probeErrorText(hop.error, lang) || tr(lang, '出错', 'error'))} ${hop.url}  ${hop.protocol ?? ''}  ${style.dim(`TTFB ${ms(hop.ttfbMs)}`)}`,
    ]);
  }
  const p80 = probe.port80;
  if (p80 && p80.status !== 'skipped') {
    rows.push([
      `${tr(lang, '明文 HTTP', 'HTTP')} :${probe.options.httpPort ?? 80}`,
      p80.statusCode !== null
        ? `${p80.statusCode}${p80.server ? ` Server: ${p80.server}` : ''}${p80.location ? ` → ${p80.location}` : ''}${p80.title ? ` 《${p80.title}》` : ''}`
        : style.dim(probeErrorText(p80.error, lang) || p80.status),
    ]);
  }
  const names = (steps: string[]) => steps.map((s) => stepName(s, lang)).join(tr(lang, '、', ', '));
  const unfinished = Object.entries(probe.steps)
    .filter(([, s]) => s === 'timeout')
    .map(([k]) => k);
  if (unfinished.length) rows.push([tr(lang, '未完成', 'unfinished'), style.yellow(names(unfinished))]);
  if (probe.interrupted)
    rows.push([
      tr(lang, '已中断', 'interrupted'),
      style.yellow(names(probe.interrupted.steps) || tr(lang, '（全部已完成）', '(all had finished)')),
    ]);
  return table(rows);
}

export function renderClient(client: ClientObservation, lang: Lang, style: Style): string {
  const env = client.env;
  const ok = client.attempts.filter((a) => a.ok).length;
  const rows: string[][] = [
    [
      tr(lang, '环境', 'env'),
      `${env.platform} · ${tr(lang, '基础库', 'SDK')} ${env.SDKVersion} · WeChat ${env.version} · ${env.networkType} · ${env.envVersion}`,
    ],
    [tr(lang, '域名校验', 'domain check'), env.domainCheck],
    [`wx.${client.api}`, `${ratio(style, ok, client.attempts.length)} ${tr(lang, '成功', 'ok')}`],
  ];
  const byText = new Map<string, number>();
  for (const a of client.attempts) {
    if (a.ok) continue;
    const key = `${a.errMsg ?? ''}${a.errno != null ? ` (errno ${a.errno})` : ''}`;
    byText.set(key, (byText.get(key) ?? 0) + 1);
  }
  for (const [text, n] of byText) rows.push([`  ${n}×`, style.red(text)]);
  const chosen = representativeAttempt(client);
  if (chosen?.attempt.profile) {
    // the shared breakdown (shared/present/phases.ts), the phases that happened: `DNS 20 ms · TCP 24 ms · …`
    const phases = happenedPhases(chosen.attempt.profile, lang).map((p) => `${p.label} ${ms(p.durationMs)}`);
    if (phases.length)
      rows.push([
        tr(lang, `第 ${chosen.index + 1} 次 profile`, `profile #${chosen.index + 1}`),
        phases.join(' · '),
      ]);
  }
  return table(rows);
}

function renderVerdict(v: Verdict, index: number, lang: Lang, style: Style, interrupted: boolean): string {
  // An interrupted run with nothing conclusive: no percentage that could read as a finding.
  const tag =
    interrupted && v.cause === 'unknown'
      ? tr(lang, '[已中断]', '[interrupted]')
      : `[${v.cause}] ${Math.round(v.confidence * 100)}%`;
  const head = `${index + 1}. ${style.bold(v.title[lang])}  ${style.dim(tag)}`;
  const lines = [head, `   ${v.explanation[lang]}`];
  if (v.evidence.length) {
    lines.push(`   ${style.cyan(tr(lang, '证据', 'Evidence'))}:`);
    for (const e of v.evidence) lines.push(`   - ${e}`);
  }
  if (v.fix[lang]) lines.push(`   ${style.cyan(tr(lang, '怎么办', 'Fix'))}: ${v.fix[lang]}`);
  return lines.join('\n');
}

/** The banner of an interrupted run: said first, so nothing below reads as a finished probe. */
export function interruptedBanner(probe: ProbeObservation, lang: Lang): string {
  const after = `${(probe.durationMs / 1000).toFixed(1)} s`;
  return tr(
    lang,
    `⚠ 已中断：探测在 ${after} 时被中断（Ctrl-C），下面只是中断前测到的部分，结论不完整。`,
    `⚠ interrupted: the probe was stopped after ${after} (Ctrl-C); below is only what was measured until then, and the diagnosis is incomplete.`,
  );
}

export function renderReportText(report: Report, { lang, color, notes = [] }: Opts): string {
  const style = makeStyle(color);
  const interrupted = !!report.probe?.interrupted;
  const parts = [style.bold(`wxprobe · ${report.url}`)];
  if (report.probe && interrupted) parts.push(style.yellow(interruptedBanner(report.probe, lang)));
  for (const note of notes) parts.push(style.yellow(note));
  if (report.client)
    parts.push(style.bold(tr(lang, '手机视角', 'Client view')), renderClient(report.client, lang, style));
  if (report.probe) {
    const ports = checkedPorts(report.probe, lang);
    parts.push(
      style.bold(tr(lang, '服务器视角', 'Outside view')) + (ports ? style.dim(`  ${ports}`) : ''),
      renderProbe(report.probe, lang, style),
    );
  }
  parts.push(
    style.bold(
      interrupted
        ? tr(lang, '诊断（不完整：探测被中断）', 'Diagnosis (incomplete: interrupted)')
        : tr(lang, '诊断', 'Diagnosis'),
    ),
  );
  const verdicts = report.diagnosis.verdicts;
  parts.push(
    verdicts.length
      ? verdicts.map((v, i) => renderVerdict(v, i, lang, style, interrupted)).join('\n\n')
      : style.dim('-'),
  );
  return parts.join('\n') + '\n';
}
