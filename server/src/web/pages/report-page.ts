/**
 * Report page `/r/:id`: the verdicts first, then the phone view and the server view side by side
 * (stacked on a phone), then the raw JSON (shown and downloadable).
 */
import type { Report } from '../../../../shared/observations/report';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html } from '../html';
import { renderPage } from '../layout';
import { t } from '../ui-text';
import { renderClientView } from './client-view';
import { renderProbeView } from './probe-view';
import { renderVerdicts } from './verdicts-section';

export function renderReportPage(report: Report & { id: string }, lang: Lang, shareUrl: string): string {
  const jsonUrl = `/api/v1/reports/${report.id}`;
  const body = html` <h1>${report.url}</h1>
    <p class="muted">
      ${t(lang, 'createdAt')}: <time datetime="${report.createdAt ?? ''}">${report.createdAt ?? ''}</time> ·
      ${t(lang, 'rulesVersion')}: <code>${report.diagnosis.rulesVersion ?? ''}</code>
    </p>
    <p class="actions">
      <a href="${jsonUrl}?download=1" download="wxprobe-report-${report.id}.json"
        >${t(lang, 'downloadJson')}</a
      >
      <a href="/?lang=${lang}">${t(lang, 'newProbe')}</a>
    </p>
    <p class="muted">${t(lang, 'shareLink')}: <a href="${shareUrl}">${shareUrl}</a></p>
    ${renderVerdicts(report.diagnosis.verdicts, lang)}
    <div class="views">${renderClientView(report.client, lang)} ${renderProbeView(report.probe, lang)}</div>
    <details class="card" id="raw-json">
      <summary>${t(lang, 'rawJson')}</summary>
      <pre class="raw">${JSON.stringify(report, null, 2)}</pre>
    </details>`;
  return renderPage({
    lang,
    title: `${report.diagnosis.verdicts[0]?.title[lang] ?? 'wxprobe'} — ${report.url}`,
    path: `/r/${report.id}`,
    body,
    noIndex: true,
  });
}
