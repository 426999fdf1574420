/**
 * The verdicts, most likely first: title, confidence, explanation, fix, evidence lines — each said
 * in the page's language and linked to the observation part it cites (evidence-sources.ts). Evidence
 * quotes raw client texts, so how many verdicts and lines are shown, and how long, is capped
 * (page-limits.ts); the full diagnosis is in the raw JSON.
 */
import type { Verdict } from '../../../../shared/observations/report';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { evidenceLines, pointerAnchor } from '../../../../shared/present/evidence';
import { html, type SafeHtml } from '../html';
import { PAGE_LIMITS, clip } from '../page-limits';
import { t } from '../ui-text';

function verdictClass(verdict: Verdict): string {
  if (verdict.cause === 'ok') return 'v-ok';
  if (verdict.cause === 'unknown') return 'v-unknown';
  if (verdict.cause === 'intermittent') return 'v-intermittent';
  return 'v-problem';
}

/** Paragraphs from text that may hold blank-line breaks. */
function paragraphs(text: string): SafeHtml[] {
  return clip(text, PAGE_LIMITS.verdictTextChars)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p}</p>`);
}

function evidenceList(evidence: Verdict['evidence'], lang: Lang): SafeHtml {
  if (evidence.length === 0) return html``;
  const shown = evidenceLines(evidence.slice(0, PAGE_LIMITS.evidenceLines), lang);
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

export function renderVerdicts(all: readonly Verdict[], lang: Lang): SafeHtml {
  const verdicts = all.slice(0, PAGE_LIMITS.verdicts);
  const hidden = all.length - verdicts.length;
  const cards = verdicts.map(
    (v, i) =>
      html` <article
        class="card verdict ${verdictClass(v)}${i === 0 ? ' top' : ''}"
        data-cause="${v.cause}"
        data-rank="${i + 1}"
      >
        <h3>
          ${clip(v.title[lang], PAGE_LIMITS.cellChars)}
          <span class="conf" title="${t(lang, 'confidence')}">${Math.round(v.confidence * 100)}%</span>
        </h3>
        <div class="cause">${v.cause}</div>
        ${paragraphs(v.explanation[lang])}
        <h4>${t(lang, 'fix')}</h4>
        ${paragraphs(v.fix[lang])} ${evidenceList(v.evidence, lang)}
      </article>`,
  );
  return html`<section id="verdicts">
    <h2>${t(lang, 'verdicts')}</h2>
    ${cards} ${hidden > 0 ? html`<p class="muted">${t(lang, 'moreVerdicts', { n: hidden })}</p>` : ''}
  </section>`;
}
