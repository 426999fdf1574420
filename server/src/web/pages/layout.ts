/**
 * The report page's two building blocks, shared by its phone and server views: a key/value list
 * (empty values left out, each value clipped) and a scrolling table.
 */
import { html, type SafeHtml } from '../html';
import { PAGE_LIMITS, clip } from '../page-limits';

export function kv(rows: Array<[string, unknown]>): SafeHtml {
  return html`<dl class="kv">
    ${rows
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${clip(String(v), PAGE_LIMITS.cellChars)}</dd>`,
      )}
  </dl>`;
}

export function table(headers: string[], rows: SafeHtml[], className = ''): SafeHtml {
  return html`<div class="scroll">
    <table class="${className}">
      <thead>
        <tr>
          ${headers.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
