/**
 * The vantages side by side (shared/present/vantages.ts): a column per vantage asked — its name,
 * how it came back, the main cause its probe shows, its probe in brief. Stacked on a phone.
 * Bounded: a report holds at most 16 vantages, each a few summary rows, every text clipped.
 */
import type { PieceTone, SummaryRow } from '../../../../shared/present/probe-summary';
import { VANTAGES_HEADING, type VantageView } from '../../../../shared/present/vantages';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html, type SafeHtml } from '../html';
import { PAGE_LIMITS, clip } from '../page-limits';

const PIECE_CLASS: Record<PieceTone, string> = { '': '', ok: 'ok', bad: 'bad', warn: 'warn', dim: 'muted' };

function rows(summary: readonly SummaryRow[]): SafeHtml {
  if (summary.length === 0) return html``;
  return html`<table class="summary">
    <tbody>
      ${summary.map(
        (row) =>
          html`<tr>
            <th>${row.label}</th>
            <td>
              ${row.pieces.map(
                (p) =>
                  html`<span class="${PIECE_CLASS[p.tone]}">${clip(p.text, PAGE_LIMITS.cellChars)}</span>`,
              )}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function renderVantages(views: readonly VantageView[] | null, lang: Lang): SafeHtml {
  if (!views) return html``;
  return html`<section class="card" id="vantages">
    <h2>${VANTAGES_HEADING[lang]}</h2>
    <div class="vantages">
      ${views.map(
        (v) =>
          html`<section class="vantage t-${v.tone}" data-vantage="${v.vantage}" data-state="${v.state}">
            <h3>${v.vantage} <span class="state ${PIECE_CLASS[v.tone]}">${v.stateLabel}</span></h3>
            ${
              v.causeTitle
                ? html`<p class="main-cause">
                    ${clip(v.causeTitle, PAGE_LIMITS.cellChars)} <code>${v.cause ?? ''}</code>
                  </p>`
                : ''
            }
            ${v.error ? html`<p class="vantage-error"><code>${clip(v.error, PAGE_LIMITS.cellChars)}</code></p>` : ''}
            ${rows(v.summary)}
          </section>`,
      )}
    </div>
  </section>`;
}
