/**
 * A report's view models in every language: what a reader that only renders (the mini-program)
 * receives under `presented`. The same cards and rows the CLI and the web page make for themselves,
 * and the phone's attempts read by the classifier (client-attempts.ts).
 */
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import type { Report, VantageProbe } from '../observations/report';
import { LANGS, type Lang } from '../taxonomy/codes';
import { clientViewModel } from './client-attempts';
import { probeSummaryRows } from './probe-summary';
import type { Presented, ReportViewModel } from './presented-report.schema';
import { vantageViews } from './vantages';
import { verdictCards } from './verdict-card';

type Presentable = Pick<Report, 'diagnosis'> & {
  probe: ProbeObservation | null;
  client: ClientObservation | null;
  vantages?: readonly VantageProbe[] | undefined;
};

export function reportViewModel(report: Presentable, lang: Lang): ReportViewModel {
  const vantages = vantageViews(report, lang);
  return {
    verdicts: verdictCards(report, lang),
    outside: report.probe ? probeSummaryRows(report.probe, lang) : null,
    client: report.client ? clientViewModel(report.client, lang) : null,
    // only with vantages, so a one-vantage report's view model stays as it was
    ...(vantages ? { vantages } : {}),
  };
}

export function presentReport(report: Presentable): Presented {
  return Object.fromEntries(LANGS.map((lang) => [lang, reportViewModel(report, lang)])) as Presented;
}
