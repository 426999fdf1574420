/**
 * The page frame every HTML page shares: language, viewport for phones (report links are opened from
 * WeChat chats), the one stylesheet and script served by this server (no CDN: the page must work
 * offline and inside mainland networks), and a language switch — the one link that carries `?lang=`:
 * following it saves the choice (a cookie), so the other links need no language of their own.
 */
import type { Lang } from '../../../shared/taxonomy/codes';
import { html, type SafeHtml } from './html';
import { t } from './ui-text';

export const ASSET_PATHS = { css: '/static/wxprobe.css', js: '/static/wxprobe.js' } as const;

export function renderPage(options: {
  lang: Lang;
  title: string;
  /** the current path, for the language switch link */
  path: string;
  body: SafeHtml;
  /** noindex for reports: they are private by link */
  noIndex?: boolean;
}): string {
  const { lang, title, path, body } = options;
  const otherLang: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    '<!doctype html>' +
    html`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.noIndex ? html`<meta name="robots" content="noindex, nofollow" />` : ''}
        <title>${title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${ASSET_PATHS.css}" />
        <script src="${ASSET_PATHS.js}" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">wxprobe</a>
          <nav>
            <a href="/docs">${t(lang, 'apiDocs')}</a>
            <a href="${path}?lang=${otherLang}" hreflang="${otherLang}">${t(lang, 'language')}</a>
          </nav>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value
  );
}
