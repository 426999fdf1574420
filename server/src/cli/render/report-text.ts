/**
 * Human output of a `wxprobe.report/1` for the terminal: a compact table of what each view saw
 * (phases, TLS variants with success ratios, versions, chain, HTTP), then the verdicts with
 * evidence and fix. Presentation only: every fact comes from the report.
 */
import type { Lang } from '../../../../shared/taxonomy/codes';
import type {
  ClientObservation,
  ProbeObservation,
  Report,
  TlsAttempt,
  Verdict,
} from '../../../../shared/observations/index';
import { makeStyle, table, type Style } from './style';

type Opts = { lang: Lang; color: boolean };

const tr = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const ms = (n: number | null | undefined) => (typeof n === 'number' ? `${Math.round(n)} ms` : '-');

const VARIANT_LABELS: Record<string, [string, string]> = {
  'sni-host': ['目标 SNI', 'target SNI'],
  'no-sni': ['无 SNI', 'no SNI'],
  'control-sni': ['对照 SNI', 'control SNI'],
  'split-hello': ['分段 ClientHello', 'split ClientHello'],
};

function endsSummary(attempts: TlsAttempt[]): string {
  const counts = new Map<string, number>();
  for (const a of attempts) if (!a.ok) counts.set(a.end, (counts.get(a.end) ?? 0) + 1);
  return [...counts].map(([end, n]) => `${n}×${end}`).join(' ');
}

function ratio(style: Style, ok: number, total: number): string {
  const text = `${ok}/${total}`;
  if (total === 0) return style.dim(text);
  return ok === total ? style.green(text) : ok === 0 ? style.red(text) : style.yellow(text);
}

function attemptError(a: TlsAttempt): string {
  if (a.ok) return [a.protocol, a.alpn].filter(Boolean).join(' ');
  if (a.alert) return `alert ${a.alert.code} ${a.alert.description}`;
  return a.error ? [a.error.code, a.error.message].filter(Boolean).join(' ').slice(0, 80) : a.end;
}

export function renderProbe(probe: ProbeObservation, lang: Lang, style: Style): string {
  const rows: string[][] = [];
  const t = probe.target;
  if (t.error) rows.push(['URL', style.red(t.error)]);
  const dns = probe.dns;
  if (dns) {
    const answers = dns.answers.map((a) => a.address).join(', ');
    const errors = dns.errors.map((e) => `${e.rrtype} ${e.code ?? ''}`.trim()).join(', ');
    rows.push([
      'DNS',
      `${answers || style.red(errors || tr(lang, '无结果', 'no answer'))}  ${style.dim(ms(dns.durationMs))}`,
    ]);
  }
  const policy = probe.policy;
  if (policy) {
    for (const c of policy.checks.filter((c) => !c.allowed))
      rows.push([tr(lang, '地址策略', 'policy'), style.red(`${c.address} ${c.category}: ${c.reason ?? ''}`)]);
  }
  for (const r of probe.tcp?.results ?? []) {
    rows.push([
      'TCP',
      `${r.address}:${r.port} ${r.ok ? style.green('ok') : style.red(r.error?.code ?? 'fail')}  ${style.dim(ms(r.durationMs))}`,
    ]);
  }
  for (const v of probe.tls?.variants ?? []) {
    const label = VARIANT_LABELS[v.id]?.[lang === 'en' ? 1 : 0] ?? v.id;
    const first = v.attempts.find((a) => !a.ok) ?? v.attempts[0];
    const median = v.attempts.map((a) => a.durationMs).sort((a, b) => a - b)[
      Math.floor(v.attempts.length / 2)
    ];
    rows.push([
      `TLS ${label}`,
      `${ratio(style, v.okCount, v.total)}  ${v.sni ?? '-'}  ${endsSummary(v.attempts)}  ${first ? style.dim(attemptError(first)) : ''}  ${style.dim(ms(median))}`,
    ]);
  }
  const versions = probe.tls?.versions ?? [];
  if (versions.length) {
    rows.push([
      tr(lang, 'TLS 版本', 'TLS versions'),
      versions
        .map((v) => `${v.version.replace('TLSv', '')} ${v.attempt.ok ? style.green('✓') : style.red('✗')}`)
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
    rows.push([
      tr(lang, '证书链', 'chain'),
      `${cert.chain.length} ${tr(lang, '张', 'cert(s)')}  ${cert.verify.ok ? style.green(tr(lang, '验证通过', 'verified')) : style.red(cert.verify.error?.code ?? 'verify failed')}${
        cert.hostname.ok ? '' : '  ' + style.red(cert.hostname.error?.code ?? 'hostname mismatch')
      }${cert.aia ? `  AIA: ${cert.aia.fetched ? (cert.aia.verify?.ok ? style.green('ok') : style.red(cert.aia.verify?.error?.code ?? 'fail')) : style.red(cert.aia.error?.code ?? 'not fetched')}` : ''}`,
    ]);
  }
  for (const hop of probe.http?.hops ?? []) {
    rows.push([
      'HTTP',
      `${hop.statusCode ?? style.red(hop.error?.code ?? 'error')} ${hop.url}  ${hop.protocol ?? ''}  ${style.dim(`TTFB ${ms(hop.ttfbMs)}`)}`,
    ]);
  }
  const p80 = probe.port80;
  if (p80 && p80.status !== 'skipped') {
    rows.push([
      `HTTP :${probe.options.httpPort ?? 80}`,
      p80.statusCode !== null
        ? `${p80.statusCode}${p80.server ? ` Server: ${p80.server}` : ''}${p80.location ? ` → ${p80.location}` : ''}${p80.title ? ` 《${p80.title}》` : ''}`
        : style.dim(p80.error?.code ?? p80.status),
    ]);
  }
  const unfinished = Object.entries(probe.steps).filter(([, s]) => s === 'timeout');
  if (unfinished.length)
    rows.push([tr(lang, '未完成', 'unfinished'), style.yellow(unfinished.map(([k]) => k).join(', '))]);
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
  return table(rows);
}

function renderVerdict(v: Verdict, index: number, lang: Lang, style: Style): string {
  const head = `${index + 1}. ${style.bold(v.title[lang])}  ${style.dim(`[${v.cause}] ${Math.round(v.confidence * 100)}%`)}`;
  const lines = [head, `   ${v.explanation[lang]}`];
  if (v.evidence.length) {
    lines.push(`   ${style.cyan(tr(lang, '证据', 'Evidence'))}:`);
    for (const e of v.evidence) lines.push(`   - ${e}`);
  }
  if (v.fix[lang]) lines.push(`   ${style.cyan(tr(lang, '怎么办', 'Fix'))}: ${v.fix[lang]}`);
  return lines.join('\n');
}

export function renderReportText(report: Report, { lang, color }: Opts): string {
  const style = makeStyle(color);
  const parts = [style.bold(`wxprobe · ${report.url}`)];
  if (report.client)
    parts.push(style.bold(tr(lang, '手机视角', 'Client view')), renderClient(report.client, lang, style));
  if (report.probe)
    parts.push(style.bold(tr(lang, '服务器视角', 'Outside view')), renderProbe(report.probe, lang, style));
  parts.push(style.bold(tr(lang, '诊断', 'Diagnosis')));
  const verdicts = report.diagnosis.verdicts;
  parts.push(
    verdicts.length ? verdicts.map((v, i) => renderVerdict(v, i, lang, style)).join('\n\n') : style.dim('-'),
  );
  return parts.join('\n') + '\n';
}
