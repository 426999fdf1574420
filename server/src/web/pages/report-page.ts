/**
 * Report page `/r/:id`: the verdicts first, then the phone view and the server view side by side
 * (stacked on a phone), the vantages side by side when probed from several places, then a preview of the raw JSON — collapsed, capped and nested levels folded
 * (page-limits.ts), with the whole document one click away as the streamed download. The page is
 * bounded whatever the stored documents hold.
 */
import type { Report } from '../../../../shared/observations/report';
import { vantageViews } from '../../../../shared/present/vantages';
import { verdictCards } from '../../../../shared/present/verdict-card';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html } from '../html';
import { jsonPreview } from '../json-preview';
import { renderPage } from '../layout';
import { PAGE_LIMITS, clip } from '../page-limits';
import { t } from '../ui-text';
import { renderClientView } from './client-view';
import { renderEvidenceSources } from './evidence-sources';
import { renderProbeView } from './probe-view';
import { renderVantages } from './vantages-section';
import { renderVerdicts } from './verdicts-section';

/**
 * `shareUrl` is either the configured public URL's or a relative `/r/<id>` (the page script shows it
 * whole); never one built from request headers.
 */
export function renderReportPage(report: Report & { id: string }, lang: Lang, shareUrl: string): string {
  const jsonUrl = `/api/v1/reports/${report.id}`;
  const downloadUrl = `${jsonUrl}?download=1`;
  const raw = jsonPreview(report, {
    maxChars: PAGE_LIMITS.rawJsonChars,
    maxDepth: PAGE_LIMITS.rawJsonDepth,
    maxStringChars: PAGE_LIMITS.rawJsonStringChars,
    indent: 2,
  });
  const url = clip(report.url, PAGE_LIMITS.cellChars);
  const body = html` <h1>${url}</h1>
    <p class="muted">
      ${t(lang, 'createdAt')}: <time datetime="${report.createdAt ?? ''}">${report.createdAt ?? ''}</time> ·
      ${t(lang, 'rulesVersion')}: <code>${report.diagnosis.rulesVersion ?? ''}</code>
    </p>
    <p class="actions">
      <a href="${downloadUrl}" download="wxprobe-report-${report.id}.json">${t(lang, 'downloadJson')}</a>
      <a href="/">${t(lang, 'newProbe')}</a>
    </p>
    <p class="muted">${t(lang, 'shareLink')}: <a class="share-link" href="${shareUrl}">${shareUrl}</a></p>
    ${renderVerdicts(verdictCards(report, lang), lang)}
    <div class="views">${renderClientView(report.client, lang)} ${renderProbeView(report.probe, lang)}</div>
    ${renderVantages(vantageViews(report, lang), lang)} ${renderEvidenceSources(report, lang)}
    <details class="card" id="raw-json">
      <summary>${t(lang, 'rawJson')}</summary>
      <p class="muted">
        ${t(lang, raw.truncated ? 'rawJsonCut' : 'rawJsonFolded', {
          chars: PAGE_LIMITS.rawJsonChars,
          depth: PAGE_LIMITS.rawJsonDepth,
        })}
        <a href="${downloadUrl}" download="wxprobe-report-${report.id}.json">${t(lang, 'downloadJson')}</a>
      </p>
      <pre class="raw">${raw.text}</pre>
    </details>`;
  return renderPage({
    lang,
    title: `${clip(report.diagnosis.verdicts[0]?.title[lang] ?? 'wxprobe', 200)} — ${clip(report.url, 200)}`,
    path: `/r/${report.id}`,
    body,
    noIndex: true,
  });
}
