/**
 * The observation parts the shown evidence cites, each once, under the id its evidence lines link to
 * (`#obs.probe.tls.variants.0`): the JSON at that pointer, previewed within the page's bounds. The
 * same parts and order as the links in the verdicts section (both come from `citedPointers`).
 */
import type { Report, Verdict } from '../../../../shared/observations/report';
import { pointerAnchor, resolvePointer } from '../../../../shared/present/evidence';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html, type SafeHtml } from '../html';
import { jsonPreview } from '../json-preview';
import { PAGE_LIMITS } from '../page-limits';
import { t } from '../ui-text';

/** The pointers of the evidence lines the page shows, first-seen order, at most `citedParts`. */
export function citedPointers(verdicts: readonly Verdict[]): string[] {
  const seen = new Set<string>();
  for (const v of verdicts.slice(0, PAGE_LIMITS.verdicts))
    for (const e of v.evidence.slice(0, PAGE_LIMITS.evidenceLines))
      if (typeof e === 'object' && e !== null && typeof e.pointer === 'string') seen.add(e.pointer);
  return [...seen].slice(0, PAGE_LIMITS.citedParts);
}

export function renderEvidenceSources(report: Report, lang: Lang): SafeHtml {
  const pointers = citedPointers(report.diagnosis.verdicts);
  if (pointers.length === 0) return html``;
  const parts = pointers.map((pointer) => {
    const value = resolvePointer(report, pointer);
    const preview =
      value === undefined
        ? t(lang, 'citedMissing')
        : jsonPreview(value, {
            maxChars: PAGE_LIMITS.citedChars,
            maxDepth: PAGE_LIMITS.citedDepth,
            maxStringChars: PAGE_LIMITS.rawJsonStringChars,
            indent: 2,
          }).text;
    return html`<div class="cited" id="${pointerAnchor(pointer)}">
      <h4><code>${pointer}</code></h4>
      <pre class="raw">${preview}</pre>
    </div>`;
  });
  return html`<section class="card" id="cited">
    <h2>${t(lang, 'citedParts')}</h2>
    <p class="muted">${t(lang, 'citedNote')}</p>
    ${parts}
  </section>`;
}
