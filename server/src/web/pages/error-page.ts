/** A plain HTML page for errors met while serving a page (missing report, bad link, server error). */
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html } from '../html';
import { renderPage } from '../layout';
import { t } from '../ui-text';

export function renderErrorPage(
  lang: Lang,
  options: { title: string; message: string; code: string },
): string {
  const body = html` <h1>${options.title}</h1>
    <div class="card">
      <p>${options.message}</p>
      <p class="muted"><code>${options.code}</code></p>
      <p><a href="/">${t(lang, 'backHome')}</a></p>
    </div>`;
  return renderPage({ lang, title: options.title, path: '/', body, noIndex: true });
}
