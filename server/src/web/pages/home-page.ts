/**
 * Home: the probe form. With the script, the form starts a background job and shows live progress;
 * without it, it posts to /probe and the server answers with a redirect to the finished report.
 */
import { PROBE_STEP_LABELS, STEP_STATUS_LABELS } from '../../../../shared/present/notes';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html } from '../html';
import { renderPage } from '../layout';
import { t, type UiKey } from '../ui-text';

export type HomeLimits = { defaultAttempts: number; maxAttempts: number };

function labelsFor(lang: Lang, table: Record<string, { zh: string; en: string }>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v[lang]])));
}

type InputField = { id: string; label: UiKey; attrs: [string, string | number][] };

/** A label and its input; the input's name is its id (the API option or form field it sets). */
function labelledInput(lang: Lang, field: InputField) {
  return html`<label for="${field.id}">${t(lang, field.label)}</label>
    <input id="${field.id}" name="${field.id}" ${field.attrs.map(([k, v]) => html` ${k}="${v}"`)} />`;
}

/** The form's advanced options: each a labelled input whose name is the API option it sets. */
function advancedFields(
  limits: HomeLimits,
): { id: string; label: UiKey; attrs: [string, string | number][] }[] {
  return [
    {
      id: 'attempts',
      label: 'attemptsLabel',
      attrs: [
        ['type', 'number'],
        ['min', 1],
        ['max', limits.maxAttempts],
        ['value', limits.defaultAttempts],
      ],
    },
    {
      id: 'timeoutMs',
      label: 'timeoutLabel',
      attrs: [
        ['type', 'number'],
        ['min', 100],
        ['max', 60000],
        ['step', 100],
      ],
    },
    {
      id: 'controlSni',
      label: 'controlSniLabel',
      attrs: [
        ['type', 'text'],
        ['spellcheck', 'false'],
        ['maxlength', 253],
      ],
    },
    {
      id: 'httpPort',
      label: 'httpPortLabel',
      attrs: [
        ['type', 'number'],
        ['min', 1],
        ['max', 65535],
        ['placeholder', '80'],
      ],
    },
  ];
}

export function renderHomePage(lang: Lang, limits: HomeLimits, prefill: { url?: string } = {}): string {
  const body = html`
    <h1>${t(lang, 'appTitle')}</h1>
    <p>${t(lang, 'tagline')}</p>
    <form
      id="probe-form"
      class="probe card"
      method="post"
      action="/probe"
      data-step-labels="${labelsFor(lang, PROBE_STEP_LABELS)}"
      data-status-labels="${labelsFor(lang, STEP_STATUS_LABELS)}"
      data-text-starting="${t(lang, 'progressStarting')}"
      data-text-done="${t(lang, 'progressDone')}"
      data-text-failed="${t(lang, 'progressFailed')}"
    >
      <input type="hidden" name="lang" value="${lang}" />
      ${labelledInput(lang, {
        id: 'url',
        label: 'urlLabel',
        attrs: [
          ['type', 'text'],
          ['inputmode', 'url'],
          ['autocomplete', 'url'],
          ['spellcheck', 'false'],
          ['required', 'required'],
          ['maxlength', 2048],
          ['placeholder', 'https://api.example.com/v1/ping'],
          ['value', prefill.url ?? ''],
        ],
      })}
      <details>
        <summary>${t(lang, 'advanced')}</summary>
        <div class="row">
          ${advancedFields(limits).map((field) => html`<div>${labelledInput(lang, field)}</div>`)}
        </div>
        <label for="client">${t(lang, 'clientLabel')}</label>
        <textarea
          id="client"
          name="client"
          rows="4"
          spellcheck="false"
          placeholder='{"schema": "wxprobe.client/1", …}'
        ></textarea>
        <label for="client-file">${t(lang, 'clientFileLabel')}</label>
        <input id="client-file" type="file" accept=".json,application/json" />
      </details>
      <button type="submit">${t(lang, 'submit')}</button>
      <noscript><p class="muted">${t(lang, 'noScript')}</p></noscript>
    </form>
    <section id="progress" class="card" hidden>
      <h2>${t(lang, 'progressTitle')}</h2>
      <ol id="progress-list"></ol>
      <p id="progress-status" role="status" aria-live="polite"></p>
    </section>
    <p class="muted">${t(lang, 'phoneHint')}</p>
    <p class="muted">${t(lang, 'policyHint')}</p>
  `;
  return renderPage({ lang, title: t(lang, 'appTitle'), path: '/', body });
}
