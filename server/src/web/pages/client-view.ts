/**
 * 手机视角: what the mini-program saw — environment, each attempt's raw errMsg/errno/timing, and the
 * class of each raw error (shared/present/client-attempts.ts, as the mini-program shows it), plus the phone's timing waterfall.
 * Everything here comes from the client's document, so rows, texts and the classifier's input are
 * capped (page-limits.ts): the page stays small and quick whatever was uploaded.
 */
import type { ClientAttempt, ClientObservation } from '../../../../shared/observations/client';
import { attemptClassView } from '../../../../shared/present/client-attempts';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html, trusted, type SafeHtml } from '../html';
import { kv, table } from './layout';
import { jsonPreview } from '../json-preview';
import { PAGE_LIMITS, clip } from '../page-limits';
import { clientWaterfall, waterfallAttempt } from '../timings';
import { t } from '../ui-text';
import { waterfallSvg } from '../svg/waterfall';
import { formatMs } from '../svg/waterfall';

function envList(client: ClientObservation, lang: Lang): SafeHtml {
  const env = client.env;
  const rows: Array<[string, unknown]> = [
    ['API', `wx.${client.api}`],
    [lang === 'zh' ? '平台' : 'Platform', env.platform],
    [lang === 'zh' ? '系统' : 'System', env.system],
    [lang === 'zh' ? '机型' : 'Model', [env.brand, env.model].filter(Boolean).join(' ')],
    [lang === 'zh' ? '微信版本' : 'WeChat', env.version],
    [lang === 'zh' ? '基础库' : 'Base library', env.SDKVersion],
    [lang === 'zh' ? '网络' : 'Network', env.networkType],
    [lang === 'zh' ? '运行环境' : 'Environment', env.envVersion],
    [lang === 'zh' ? '调试模式' : 'Debug mode', env.enableDebug ? t(lang, 'yes') : t(lang, 'no')],
    [lang === 'zh' ? '域名校验' : 'Domain check', env.domainCheck],
    ['URL', client.url],
  ];
  if (client.options) {
    const options = jsonPreview(client.options, {
      maxChars: PAGE_LIMITS.optionsChars,
      maxDepth: 2,
      maxStringChars: 100,
      indent: 0,
    });
    rows.push([lang === 'zh' ? '请求选项' : 'Options', options.text]);
  }
  return kv(rows);
}

function classification(client: ClientObservation, attempt: ClientAttempt, lang: Lang): SafeHtml {
  const view = attemptClassView(client, attempt, lang);
  if (!view) return html``;
  return html`<code>${view.classLabel}</code><br /><span class="muted">${view.meaning}</span>`;
}

function attemptsTable(client: ClientObservation, lang: Lang): SafeHtml {
  const shown = client.attempts.slice(0, PAGE_LIMITS.attemptRows);
  const rows = shown.map(
    (a, i) =>
      html`<tr>
        <td>${i + 1}</td>
        <td class="${a.ok ? 'ok' : 'bad'}">
          ${a.ok ? t(lang, 'ok') : t(lang, 'failed')}${a.statusCode !== undefined ? html` <code>${a.statusCode}</code>` : ''}
        </td>
        <td class="mono">
          ${clip(a.errMsg ?? '', PAGE_LIMITS.cellChars)}${a.errno !== undefined && a.errno !== null ? html`<br />errno ${a.errno}` : ''}${a.profile?.peerIP ? html`<br />peerIP ${clip(String(a.profile.peerIP), PAGE_LIMITS.cellChars)}` : ''}
        </td>
        <td>${formatMs(a.durationMs)}</td>
        <td>${classification(client, a, lang)}</td>
      </tr>`,
  );
  const headers = ['#', t(lang, 'result'), 'errMsg / errno', t(lang, 'duration'), t(lang, 'errorClass')];
  return html`${table(headers, rows, 'attempts')}
  ${
    shown.length < client.attempts.length
      ? html`<p class="muted">
          ${t(lang, 'moreAttempts', { shown: shown.length, total: client.attempts.length })}
        </p>`
      : ''
  }`;
}

export function renderClientView(client: ClientObservation | null, lang: Lang): SafeHtml {
  if (!client) {
    return html`<section class="view" id="phone-view">
      <h2>${t(lang, 'phoneView')}</h2>
      <div class="card"><p class="muted">${t(lang, 'noClient')}</p></div>
    </section>`;
  }
  const okCount = client.attempts.filter((a) => a.ok).length;
  const chosen = waterfallAttempt(client);
  const waterfall = chosen
    ? html`<h3>${t(lang, 'waterfall')}</h3>
        ${trusted(waterfallSvg(clientWaterfall(chosen.attempt, lang), `${t(lang, 'phoneView')} · ${t(lang, 'waterfall')}`))}
        <p class="muted">${t(lang, 'clientWaterfallNote', { n: chosen.index + 1 })}</p>`
    : '';
  return html`<section class="view" id="phone-view">
    <h2>${t(lang, 'phoneView')}</h2>
    <div class="card">
      <p><strong>${t(lang, 'summary', { ok: okCount, total: client.attempts.length })}</strong></p>
      ${waterfall}
      <h3>${t(lang, 'environment')}</h3>
      ${envList(client, lang)}
      <h3>${t(lang, 'attempts')}</h3>
      ${attemptsTable(client, lang)}
    </div>
  </section>`;
}
