/**
 * What the Report page adds about how this phone's run went, beyond the shared report view: attempts
 * left out because they overlapped the background, devtools' switch that hides TLS and certificate
 * errors, options WeChat did not apply as asked, network changes during the run, a system proxy, and
 * the variant matrix (each variant's and the control URL's success ratio and p50/p95). Facts come
 * from shared/ (client-analysis/matrix here; the domain-check reading from the server's `presented`,
 * made by shared/classify/domain-check.ts); only the words are chosen here.
 */
import { say, stringsFor } from '../../i18n/i18n';
import { summarizeMatrix } from '../../shared/client-analysis/matrix';
import type { ClientObservation } from '../../shared/observations/client';
import type { ClientViewModel } from '../../shared/present/presented-report.schema';
import type { Lang } from '../../shared/taxonomy/codes';

export type Note = { id: string; text: string; tone: 'warn' | 'info' };
export type MatrixRow = { id: string; label: string; ratio: string; p50: string; p95: string; tone: string };

/** The matrix variants (runner/plan.ts ids) as a reader names them: [id, zh, en]. */
const VARIANT_NAMES: ReadonlyArray<readonly [string, string, string]> = [
  ['base', '基准（全部关闭）', 'base (all off)'],
  ['http2', 'HTTP/2', 'HTTP/2'],
  ['quic', 'QUIC', 'QUIC'],
  ['httpdns', 'HttpDNS', 'HttpDNS'],
  ['high-performance', '高性能模式', 'high-performance mode'],
  ['control', '对照地址', 'control URL'],
  ['all', '目标地址', 'target'],
];

function variantName(id: string, lang: Lang): string {
  const row = VARIANT_NAMES.find(([known]) => known === id);
  return row ? row[lang === 'zh' ? 1 : 2] : id;
}

function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** `read`: the server's reading of the document (null before the server answered). */
export function phoneNotes(doc: ClientObservation, lang: Lang, read: ClientViewModel | null): Note[] {
  const t = stringsFor(lang);
  const notes: Note[] = [];
  const overlapped = doc.attempts.filter((a) => a.background === true).length;
  if (overlapped)
    notes.push({ id: 'background', tone: 'warn', text: say(lang, 'backgroundLeftOut', { n: overlapped }) });
  if (read?.tlsChecksHidden) notes.push({ id: 'tls-hidden', tone: 'warn', text: t.tlsHidden });
  for (const miss of doc.options?.notApplied ?? []) {
    const reason = t[`reason.${miss.reason}`] ?? miss.reason;
    notes.push({
      id: `not-applied-${miss.option}`,
      tone: 'warn',
      text: `${t.notAppliedTitle}: ${miss.option} — ${reason}${miss.detail ? ` (${miss.detail})` : ''}`,
    });
  }
  if (doc.env.hasSystemProxy === true) notes.push({ id: 'proxy', tone: 'warn', text: t.systemProxy });
  for (const event of doc.networkEvents ?? []) {
    const what =
      event.event === 'weak'
        ? event.weakNet
          ? t.weakOn
          : t.weakOff
        : event.isConnected === false
          ? t.disconnected
          : say(lang, 'networkNow', { type: event.networkType ?? '?' });
    notes.push({
      id: `net-${event.at}`,
      tone: event.event === 'weak' && !event.weakNet ? 'info' : 'warn',
      text: `${clock(event.at)} ${what}`,
    });
  }
  return notes;
}

/** Rows only when the run had a matrix or a control URL (a single-config run has its ratio on top). */
export function matrixRows(doc: ClientObservation, lang: Lang): MatrixRow[] {
  const rows = summarizeMatrix(doc);
  if (!rows.some((r) => r.id !== 'all')) return [];
  const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
  return rows.map((r) => ({
    id: r.id,
    label: variantName(r.id, lang),
    ratio: `${r.passed}/${r.total}`,
    p50: ms(r.p50Ms),
    p95: ms(r.p95Ms),
    tone: r.ratio === null ? 'muted' : r.ratio === 1 ? 'ok' : r.ratio === 0 ? 'fail' : 'warn',
  }));
}

/** Per attempt, what more of the answer there is to show (headers, cookie names, body head). */
export type AnswerView = { headers: string[]; cookies: string; bodyHead: string; redirects: string[] };

export function answerViews(doc: ClientObservation): AnswerView[] {
  return doc.attempts.map((a) => ({
    headers: Object.entries(a.header ?? {}).map(([k, v]) => `${k}: ${String(v)}`),
    cookies: (a.cookieNames ?? []).join(', '),
    bodyHead: a.bodyHead ? `${a.bodyHead}${a.bodyTruncated ? '…' : ''}` : '',
    redirects: (a.redirects ?? []).map((r) => `${String(r.statusCode)} → ${String(r.location ?? '')}`),
  }));
}
