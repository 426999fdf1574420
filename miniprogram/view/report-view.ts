/**
 * Everything the Report page renders, computed from what is stored: the client document (always,
 * it was measured here), the server's report when there is one, or why there is none.
 */
import type { ClientObservation } from '../shared/observations/client';
import type { Lang } from '../shared/taxonomy/codes';
import type { ApiFailure, StoredReport } from '../services/wxprobe-api';
import { say } from '../i18n/i18n';
import { attemptView, type AttemptView } from './attempt-view';
import { clientSummary, type ClientSummary } from './client-summary';
import type { ReportViewModel } from '../shared/present/presented-report.schema';
import { row, type Row } from './rows';

export type ReportSource = {
  client: ClientObservation | null;
  report: StoredReport | null;
  serverFailure: ApiFailure | null;
  schemaErrors?: string[];
};

/** What a verdict-card shows: the shared card (shared/present/verdict-card.ts), as the server sent it. */
export type VerdictView = ReportViewModel['verdicts'][number];

/** A summary row's pieces as one line: the terminal's column gaps said as ` · `. */
function rowText(pieces: ReadonlyArray<{ text: string }>): string {
  return pieces
    .map((x) => x.text)
    .join('')
    .trim()
    .replace(/ {2,}/g, ' · ');
}

/** One vantage of the report as the server presented it (shared/present/vantages.ts), its rows as lines. */
export type VantageCard = {
  vantage: string;
  stateLabel: string;
  /** ok: works from there; bad: fails; dim: did not answer */
  tone: 'ok' | 'bad' | 'dim';
  cause: string;
  causeTitle: string;
  /** why a failed vantage has no probe, as it said it; '' otherwise */
  error: string;
  rows: Row[];
};

export type ReportView = {
  url: string;
  api: string;
  reportId: string | null;
  verdicts: VerdictView[];
  /** Why the outside view is missing (null when the server answered with a probe). */
  outsideMissing: string | null;
  cancelledNote: string | null;
  /** e.g. 成功 7/10: the success ratio at a glance */
  ratioText: string;
  phone: ClientSummary | null;
  /** Failed attempts with no reading yet: the classes come with the server's report. */
  classesNote: string | null;
  server: Row[] | null;
  /** every vantage asked, side by side; empty for a report probed from one place */
  vantages: VantageCard[];
  attempts: AttemptView[];
};

export function failureText(failure: ApiFailure, lang: Lang): string {
  switch (failure.kind) {
    case 'not-configured':
      return say(lang, 'failure.not-configured');
    case 'unreachable':
      return say(lang, 'failure.unreachable', { errMsg: failure.errMsg });
    case 'http':
      return say(lang, 'failure.http', {
        status: failure.status,
        code: failure.code,
        message: failure.message,
      });
    case 'bad-response':
      return say(lang, 'failure.bad-response', { message: failure.message });
  }
}

function missingReason(source: ReportSource, lang: Lang): string | null {
  if (source.schemaErrors?.length)
    return say(lang, 'failure.invalid-document', { message: source.schemaErrors.join('; ') });
  if (source.serverFailure) return failureText(source.serverFailure, lang);
  if (!source.report) return say(lang, 'failure.not-configured');
  if (!source.report.probe) return say(lang, 'noProbe');
  return null;
}

export function buildReportView(source: ReportSource, lang: Lang): ReportView {
  const client = source.client ?? source.report?.client ?? null;
  const report = source.report;
  const cancelled = (client as { cancelled?: unknown } | null)?.cancelled === true;
  const presented = report?.presented[lang] ?? null;
  // The server's reading belongs to the document it read: the report's own client observation.
  const read = presented?.client ?? null;
  const phone = client ? clientSummary(client, lang, read) : null;
  return {
    url: report?.url ?? client?.url ?? '',
    api: client?.api ?? 'request',
    reportId: report?.id ?? null,
    verdicts: presented?.verdicts ?? [],
    outsideMissing: missingReason(source, lang),
    cancelledNote: cancelled && client ? say(lang, 'cancelledNote', { n: client.attempts.length }) : null,
    ratioText: phone ? say(lang, 'successRatio', { ok: phone.ratio.ok, total: phone.ratio.total }) : '',
    phone,
    classesNote:
      client && !read && phone && phone.ratio.ok < phone.ratio.total ? say(lang, 'classesNeedServer') : null,
    server: presented?.outside?.map((r) => row(r.label, rowText(r.pieces), r.tone)) ?? null,
    vantages: (presented?.vantages ?? []).map((v) => ({
      vantage: v.vantage,
      stateLabel: v.stateLabel,
      tone: v.tone,
      cause: v.cause ?? '',
      causeTitle: v.causeTitle ?? '',
      error: v.error ?? '',
      rows: v.summary.map((r) => row(r.label, rowText(r.pieces), r.tone)),
    })),
    attempts: client ? client.attempts.map((a, i) => attemptView(a, i, lang, read?.attempts[i] ?? null)) : [],
  };
}
