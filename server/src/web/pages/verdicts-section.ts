/**
 * The verdicts, most likely first: title, confidence, explanation, fix, evidence lines — each said
 * in the page's language and linked to the observation part it cites (evidence-sources.ts). Evidence
 * quotes raw client texts, so how many verdicts and lines are shown, and how long, is capped
 * (page-limits.ts); the full diagnosis is in the raw JSON.
 */
import { VERDICT_HEADINGS, type VerdictCard } from '../../../../shared/present/verdict-card';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { pointerAnchor, type EvidenceLine } from '../../../../shared/present/evidence';
import { html, type SafeHtml } from '../html';
import { PAGE_LIMITS, clip } from '../page-limits';
import { t } from '../ui-text';

/** Paragraphs from text that may hold blank-line breaks. */
function paragraphs(text: string): SafeHtml[] {
  return clip(text, PAGE_LIMITS.verdictTextChars)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p}</p>`);
}

function evidenceList(evidence: readonly EvidenceLine[], lang: Lang): SafeHtml {
  if (evidence.length === 0) return html``;
  const shown = evidence.slice(0, PAGE_LIMITS.evidenceLines);
  const more = evidence.length - shown.length;
  return html`<h4>${t(lang, 'evidence')}</h4>
    <ul class="evidence">
      ${shown.map(
        (e) =>
          html`<li>
            ${clip(e.text, PAGE_LIMITS.evidenceChars)}
            ${
              e.pointer
                ? html`<a class="ptr" href="#${pointerAnchor(e.pointer)}"><code>${e.pointer}</code></a>`
                : ''
            }
          </li>`,
      )}
      ${more > 0 ? html`<li class="muted">${t(lang, 'moreEvidence', { n: more })}</li>` : ''}
    </ul>`;
}

/** The shared verdict cards (shared/present/verdict-card.ts) as HTML articles. */
export function renderVerdicts(all: readonly VerdictCard[], lang: Lang): SafeHtml {
  const cards = all.slice(0, PAGE_LIMITS.verdicts);
  const hidden = all.length - cards.length;
  const articles = cards.map(
    (v) =>
      html` <article
        class="card verdict v-${v.tone}${v.rank === 1 ? ' top' : ''}"
        data-cause="${v.cause}"
        data-rank="${v.rank}"
      >
        <h3>
          ${clip(v.title, PAGE_LIMITS.cellChars)}
          <span class="conf" title="${t(lang, 'confidence')}">${v.confidenceText}</span>
        </h3>
        <div class="cause">${v.cause}</div>
        ${paragraphs(v.explanation)}
        <h4>${VERDICT_HEADINGS.fix[lang]}</h4>
        ${paragraphs(v.fix)} ${evidenceList(v.evidence, lang)}
      </article>`,
  );
  return html`<section id="verdicts">
    <h2>${t(lang, 'verdicts')}</h2>
    ${articles} ${hidden > 0 ? html`<p class="muted">${t(lang, 'moreVerdicts', { n: hidden })}</p>` : ''}
  </section>`;
}
