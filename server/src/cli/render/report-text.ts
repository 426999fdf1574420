/**
 * Human output of a `wxprobe.report/3` for the terminal: a compact table of what each view saw
 * (phases, TLS variants with success ratios, versions, chain, HTTP), then the verdicts with
 * evidence and fix; probed from several vantages, each vantage in brief before the diagnosis.
 * Presentation only: every fact comes from the report.
 */
import type { ClientObservation, ProbeObservation, Report } from '../../../../shared/observations/index';
import { happenedPhases, representativeAttempt } from '../../../../shared/present/phases';
import {
  checkedPorts,
  probeSummaryRows,
  type Piece,
  type SummaryRow,
} from '../../../../shared/present/probe-summary';
import { VANTAGES_HEADING, vantageViews, type VantageView } from '../../../../shared/present/vantages';
import { VERDICT_HEADINGS, verdictCards, type VerdictCard } from '../../../../shared/present/verdict-card';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { table } from './columns';
import { makeStyle, type Style } from './style';

type Opts = {
  lang: Lang;
  color: boolean;
  /** lines to show under the title (e.g. "the client view measured another path") */
  notes?: string[];
};

const tr = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const ms = (n: number | null | undefined) => (typeof n === 'number' ? `${Math.round(n)} ms` : '-');

function ratio(style: Style, ok: number, total: number): string {
  const text = `${ok}/${total}`;
  if (total === 0) return style.dim(text);
  return ok === total ? style.green(text) : ok === 0 ? style.red(text) : style.yellow(text);
}

const TONE_STYLE = { ok: 'green', bad: 'red', warn: 'yellow', dim: 'dim' } as const;

/** Summary rows (shared/present/probe-summary.ts) as a table, each piece coloured by its tone. */
function summaryTable(rows: readonly SummaryRow[], style: Style, indent?: string): string {
  const paint = (piece: Piece) => (piece.tone ? style[TONE_STYLE[piece.tone]](piece.text) : piece.text);
  return table(
    rows.map((row) => [row.label, row.pieces.map(paint).join('')]),
    indent,
  );
}

export function renderProbe(probe: ProbeObservation, lang: Lang, style: Style): string {
  return summaryTable(probeSummaryRows(probe, lang), style);
}

/** The vantages (shared/present/vantages.ts): a line each — name, state, main cause — its probe in brief under it. */
export function renderVantages(views: readonly VantageView[], style: Style): string {
  return views
    .map((v) => {
      const paint = TONE_STYLE[v.tone];
      const cause = v.causeTitle
        ? `  ${style[paint](v.causeTitle)}  ${style.dim(`[${v.cause}]`)}`
        : v.error
          ? `  ${style.dim(v.error.replace(/\s+/g, ' '))}`
          : '';
      const head = `  ${style.bold(v.vantage)}  ${style[paint](v.stateLabel)}${cause}`;
      return v.summary.length ? `${head}\n${summaryTable(v.summary, style, '      ')}` : head;
    })
    .join('\n');
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

function renderVerdict(card: VerdictCard, lang: Lang, style: Style): string {
  const tag = card.interrupted ? `[${card.confidenceText}]` : `[${card.cause}] ${card.confidenceText}`;
  const lines = [`${card.rank}. ${style.bold(card.title)}  ${style.dim(tag)}`, `   ${card.explanation}`];
  if (card.evidence.length) {
    lines.push(`   ${style.cyan(VERDICT_HEADINGS.evidence[lang])}:`);
    // each line with the JSON Pointer it cites in the --json report, dimmed
    for (const e of card.evidence)
      lines.push(`   - ${e.text}${e.pointer ? `  ${style.dim(e.pointer)}` : ''}`);
  }
  if (card.fix) lines.push(`   ${style.cyan(VERDICT_HEADINGS.fix[lang])}: ${card.fix}`);
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
  const vantages = vantageViews(report, lang);
  if (vantages) parts.push(style.bold(VANTAGES_HEADING[lang]), renderVantages(vantages, style));
  parts.push(
    style.bold(
      interrupted
        ? tr(lang, '诊断（不完整：探测被中断）', 'Diagnosis (incomplete: interrupted)')
        : tr(lang, '诊断', 'Diagnosis'),
    ),
  );
  const cards = verdictCards(report, lang);
  parts.push(
    cards.length ? cards.map((card) => renderVerdict(card, lang, style)).join('\n\n') : style.dim('-'),
  );
  return parts.join('\n') + '\n';
}
