/**
 * The vantages side by side: per vantage asked, its name, how it came back, the main cause its probe
 * alone shows (shared/diagnose: `diagnoseEachVantage`) and a short summary of that probe (the rows
 * of probe-summary.ts that say where a request breaks). The CLI, the web page and the mini-program
 * only lay these out.
 */
import { diagnoseEachVantage } from '../diagnose/diagnose';
import type { VantageProbe } from '../observations/report';
import { VANTAGE_STATE_LABELS, type VantageState } from '../observations/vantages';
import type { Lang, Localized } from '../taxonomy/codes';
import { probeSummaryRows, type SummaryRow } from './probe-summary';

/** `ok` it works from there, `bad` it fails, `dim` it did not answer (not compared). */
export type VantageTone = 'ok' | 'bad' | 'dim';

export type VantageView = {
  vantage: string;
  state: VantageState;
  stateLabel: string;
  /** the main cause of its probe alone; null when it did not answer */
  cause: string | null;
  causeTitle: string | null;
  /** why a failed vantage has no probe, as it said it (raw, not translated); null otherwise */
  error: string | null;
  tone: VantageTone;
  /** its probe in brief; empty when it did not answer */
  summary: SummaryRow[];
};

/** The section's heading in every medium. */
export const VANTAGES_HEADING = { zh: '各探测点', en: 'Vantages' } as const satisfies Localized;

/** The summary rows that say where a request breaks: the target, DNS, TCP, the target SNI, chain, HTTP. */
const SHORT_ROWS = ['target', 'dns', 'policy', 'tcp', 'tls:sni-host', 'chain', 'http', 'interrupted'];

export function vantageViews(
  report: { vantages?: readonly VantageProbe[] | undefined },
  lang: Lang,
): VantageView[] | null {
  const vantages = report.vantages;
  if (!vantages || vantages.length === 0) return null;
  return diagnoseEachVantage(vantages).map((o) => {
    const entry = vantages[o.index];
    const probe = entry?.probe ?? null;
    return {
      vantage: o.vantage,
      state: o.state,
      stateLabel: VANTAGE_STATE_LABELS[o.state][lang],
      cause: o.main?.cause ?? null,
      causeTitle: o.main?.title[lang] ?? null,
      error: entry?.state === 'failed' ? (entry.error ?? null) : null,
      tone: o.fails === null ? 'dim' : o.fails ? 'bad' : 'ok',
      summary: probe ? probeSummaryRows(probe, lang).filter((row) => SHORT_ROWS.includes(row.key)) : [],
    };
  });
}
