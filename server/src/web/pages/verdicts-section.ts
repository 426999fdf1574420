/** The verdicts, most likely first: title, confidence, explanation, fix, evidence pointers. */
import type { Verdict } from '../../../../shared/observations/report';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html, type SafeHtml } from '../html';
import { t } from '../ui-text';

function verdictClass(verdict: Verdict): string {
  if (verdict.cause === 'ok') return 'v-ok';
  if (verdict.cause === 'unknown') return 'v-unknown';
  if (verdict.cause === 'intermittent') return 'v-intermittent';
  return 'v-problem';
}

/** Paragraphs from text that may hold blank-line breaks. */
function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p}</p>`);
}

export function renderVerdicts(verdicts: readonly Verdict[], lang: Lang): SafeHtml {
  const cards = verdicts.map(
    (v, i) =>
      html` <article
        class="card verdict ${verdictClass(v)}${i === 0 ? ' top' : ''}"
        data-cause="${v.cause}"
        data-rank="${i + 1}"
      >
        <h3>
          ${v.title[lang]}
          <span class="conf" title="${t(lang, 'confidence')}">${Math.round(v.confidence * 100)}%</span>
        </h3>
        <div class="cause">${v.cause}</div>
        ${paragraphs(v.explanation[lang])}
        <h4>${t(lang, 'fix')}</h4>
        ${paragraphs(v.fix[lang])}
        ${
          v.evidence.length > 0
            ? html`<h4>${t(lang, 'evidence')}</h4>
                <ul class="evidence">
                  ${v.evidence.map((e) => html`<li>${e}</li>`)}
                </ul>`
            : ''
        }
      </article>`,
  );
  return html`<section id="verdicts">
    <h2>${t(lang, 'verdicts')}</h2>
    ${cards}
  </section>`;
}
