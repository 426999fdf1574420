/**
 * 服务器视角: what the outside probe saw, step by step — raw values, no interpretation beyond
 * colouring success and failure. The TLS success ratios and the timing waterfall are drawn as SVG.
 */
import type { ProbeError, ProbeObservation, TlsAttempt } from '../../../../shared/observations/probe';
import { probeStepLabel, stepStatusLabel } from '../../../../shared/present/notes';
import { endingGroups, variantLabel } from '../../../../shared/present/variants';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { html, trusted, type SafeHtml } from '../html';
import { kv, table } from './layout';
import { ratioBarsSvg } from '../svg/ratio-bars';
import { formatMs, waterfallSvg } from '../svg/waterfall';
import { probeWaterfall } from '../timings';
import { t } from '../ui-text';

function errText(error: ProbeError | null | undefined): string {
  if (!error) return '';
  const head = [error.code, error.syscall].filter(Boolean).join(' / ');
  return head ? `${head}: ${error.message}` : error.message;
}

function statusCell(ok: boolean, text: string): SafeHtml {
  return html`<td class="${ok ? 'ok' : 'bad'}">${text}</td>`;
}

function stepsSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const rows = Object.entries(probe.steps).map(
    ([step, status]) =>
      html`<tr>
        <td>${probeStepLabel(step, lang)}</td>
        ${statusCell(status === 'done' || status === 'skipped', stepStatusLabel(status, lang))}
      </tr>`,
  );
  return html`<h3>${t(lang, 'steps')}</h3>
    ${table([lang === 'zh' ? '步骤' : 'Step', t(lang, 'result')], rows)}`;
}

function targetSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const target = probe.target;
  return html`<h3>${t(lang, 'target')}</h3>
    ${kv([
      ['URL', probe.url],
      ['scheme', target.scheme],
      [
        'host',
        target.hostUnicode && target.hostUnicode !== target.host
          ? `${target.host} (${target.hostUnicode})`
          : target.host,
      ],
      [
        'port',
        `${target.port}${target.explicitPort ? (lang === 'zh' ? '（URL 中显式写出）' : ' (written in the URL)') : ''}`,
      ],
      [lang === 'zh' ? '主机类型' : 'host kind', target.hostKind],
      [lang === 'zh' ? '数字地址写法' : 'numeric form', target.numericHostForm],
      [lang === 'zh' ? '解析错误' : 'parse error', target.error],
      [lang === 'zh' ? '开始时间' : 'started', probe.startedAt],
      [lang === 'zh' ? '总耗时' : 'duration', formatMs(probe.durationMs)],
    ])}`;
}

function dnsSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const dns = probe.dns;
  if (!dns)
    return html`<h3>${t(lang, 'dns')}</h3>
      <p class="muted">${t(lang, 'none')}</p>`;
  const answers = dns.answers.map(
    (a) =>
      html`<tr>
        <td class="mono">${a.address}</td>
        <td>IPv${a.family}</td>
        <td>${a.ttl ?? ''}</td>
      </tr>`,
  );
  const errors = dns.errors.map(
    (e) =>
      html`<tr>
        <td>${e.rrtype}</td>
        <td class="bad mono">${e.code ?? ''}</td>
        <td class="mono">${e.message}</td>
      </tr>`,
  );
  return html`<h3>${t(lang, 'dns')}</h3>
    ${kv([
      [lang === 'zh' ? '结果' : 'status', stepStatusLabel(dns.status, lang)],
      [lang === 'zh' ? '来源' : 'source', dns.source],
      [lang === 'zh' ? '服务器' : 'server', dns.server ?? (lang === 'zh' ? '系统解析器' : 'system resolver')],
      [t(lang, 'duration'), formatMs(dns.durationMs)],
      ['CNAME', dns.cname.join(' → ')],
    ])}
    ${answers.length > 0 ? table([lang === 'zh' ? '地址' : 'Address', lang === 'zh' ? '类型' : 'Family', 'TTL'], answers) : ''}
    ${errors.length > 0 ? table(['RR', 'code', 'message'], errors) : ''}`;
}

function policySection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const policy = probe.policy;
  if (!policy) return html``;
  const rows = policy.checks.map(
    (c) =>
      html`<tr>
        <td class="mono">${c.address}</td>
        <td>${c.category}</td>
        ${statusCell(c.allowed, c.allowed ? t(lang, 'allowed') : t(lang, 'refused'))}
        <td>${c.reason ?? ''}</td>
      </tr>`,
  );
  return html`<h3>${t(lang, 'policy')}</h3>
    ${kv([
      [lang === 'zh' ? '启用' : 'enforced', policy.enforced ? t(lang, 'yes') : t(lang, 'no')],
      [lang === 'zh' ? '允许的网段' : 'allowed CIDRs', policy.allowCidrs.join(', ')],
      [t(lang, 'pinned'), policy.pinned ?? t(lang, 'none')],
    ])}
    ${rows.length > 0 ? table([lang === 'zh' ? '地址' : 'Address', lang === 'zh' ? '类别' : 'Category', t(lang, 'result'), lang === 'zh' ? '原因' : 'Reason'], rows) : ''}`;
}

function tcpSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const tcp = probe.tcp;
  if (!tcp) return html``;
  const rows = tcp.results.map(
    (r) =>
      html`<tr>
        <td class="mono">${r.address}:${r.port}</td>
        ${statusCell(r.ok, r.ok ? t(lang, 'ok') : t(lang, 'failed'))}
        <td>${formatMs(r.durationMs)}</td>
        <td class="mono">${errText(r.error)}</td>
      </tr>`,
  );
  return html`<h3>${t(lang, 'tcp')}</h3>
    ${table([lang === 'zh' ? '地址' : 'Address', t(lang, 'result'), t(lang, 'duration'), lang === 'zh' ? '错误' : 'Error'], rows)}`;
}

/** "9× RST (0 B) · 1× 握手完成": how the attempts of a variant ended (the shared grouping). */
function endSummary(attempts: readonly TlsAttempt[], lang: Lang): string {
  return endingGroups(attempts, lang)
    .map((g) => {
      const detail = [...g.alerts, g.serverBytes !== null ? `${g.serverBytes} B` : null].filter(Boolean);
      return `${g.count}× ${g.label}${detail.length ? ` (${detail.join(', ')})` : ''}`;
    })
    .join(' · ');
}

function tlsSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const tls = probe.tls;
  if (!tls) return html``;
  const ratio = ratioBarsSvg(
    tls.variants.map((v) => ({ label: variantLabel(v.id, lang), ok: v.okCount, total: v.total })),
    t(lang, 'tlsVariants'),
  );
  const rows = tls.variants.map((v) => {
    const okAttempt = v.attempts.find((a) => a.ok);
    const firstError = v.attempts.find((a) => !a.ok)?.error;
    return html`<tr data-variant="${v.id}">
      <td>${variantLabel(v.id, lang)}</td>
      <td class="mono">${v.sni ?? '—'}</td>
      ${statusCell(v.okCount === v.total && v.total > 0, `${v.okCount}/${v.total}`)}
      <td class="mono">
        ${endSummary(v.attempts, lang)}${firstError ? html`<br />${errText(firstError)}` : ''}
      </td>
      <td class="mono">
        ${okAttempt ? [okAttempt.protocol, okAttempt.cipher, okAttempt.alpn].filter(Boolean).join(' ') : ''}
      </td>
    </tr>`;
  });
  const versions = tls.versions.map(
    (v) =>
      html`<tr>
        <td>${v.version}</td>
        ${statusCell(v.attempt.ok, v.attempt.ok ? t(lang, 'ok') : v.attempt.end)}
        <td class="mono">
          ${v.attempt.alert ? `${v.attempt.alert.description} (${v.attempt.alert.code})` : errText(v.attempt.error)}
        </td>
      </tr>`,
  );
  return html`<h3>${t(lang, 'tlsVariants')}</h3>
    <p class="muted mono">${tls.address ?? ''}:${tls.port}</p>
    ${trusted(ratio)}
    ${table(['', 'SNI', lang === 'zh' ? '成功' : 'OK', lang === 'zh' ? '结束方式' : 'How it ended', lang === 'zh' ? '协商结果' : 'Negotiated'], rows)}
    ${
      versions.length > 0
        ? html`<h3>${t(lang, 'tlsVersions')}</h3>
            ${table([lang === 'zh' ? '版本' : 'Version', t(lang, 'result'), lang === 'zh' ? '告警 / 错误' : 'Alert / error'], versions)}`
        : ''
    }`;
}

function certificateSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const cert = probe.certificate;
  if (!cert) return html``;
  const chain = cert.chain.map(
    (c, i) =>
      html`<tr>
        <td>${i}</td>
        <td class="mono">
          ${c.subject}<br /><span class="muted">${lang === 'zh' ? '签发者' : 'issuer'}: ${c.issuer}</span>
        </td>
        <td class="mono">${c.notBefore}<br />${c.notAfter}</td>
        <td class="mono">${c.keyType}${c.keyBits ? ` ${c.keyBits}` : ''}<br />${c.signatureAlgorithm}</td>
        <td class="mono">
          ${c.sans.slice(0, 8).join(', ')}${c.sans.length > 8 ? ` … (+${c.sans.length - 8})` : ''}${c.selfSigned ? html`<br /><span class="bad">self-signed</span>` : ''}
        </td>
      </tr>`,
  );
  const aia = cert.aia;
  return html`<h3>${t(lang, 'certificate')}</h3>
    ${table(['#', lang === 'zh' ? '主体' : 'Subject', lang === 'zh' ? '有效期' : 'Validity', lang === 'zh' ? '密钥 / 签名' : 'Key / signature', 'SAN'], chain)}
    <div class="scroll">
      <table>
        <tbody>
          <tr>
            <th>${t(lang, 'verify')}</th>
            ${statusCell(cert.verify.ok, cert.verify.ok ? t(lang, 'ok') : errText(cert.verify.error))}
          </tr>
          <tr>
            <th>${t(lang, 'hostnameCheck')}</th>
            ${statusCell(cert.hostname.ok, cert.hostname.ok ? t(lang, 'ok') : errText(cert.hostname.error))}
          </tr>
          ${
            aia
              ? html`<tr>
                    <th>AIA</th>
                    <td class="mono">
                      ${aia.url ?? ''} ${aia.fetched ? `(${aia.bytes} B)` : ''} ${errText(aia.error)}
                    </td>
                  </tr>
                  <tr>
                    <th>${t(lang, 'verifyAia')}</th>
                    ${aia.verify ? statusCell(aia.verify.ok, aia.verify.ok ? t(lang, 'ok') : errText(aia.verify.error)) : html`<td>—</td>`}
                  </tr>`
              : ''
          }
          <tr>
            <th>${t(lang, 'ocsp')}</th>
            <td>${cert.ocspStapled === null ? '—' : cert.ocspStapled ? t(lang, 'yes') : t(lang, 'no')}</td>
          </tr>
        </tbody>
      </table>
    </div>`;
}

function httpSection(probe: ProbeObservation, lang: Lang): SafeHtml {
  const http = probe.http;
  if (!http) return html``;
  const rows = http.hops.map(
    (h) =>
      html`<tr>
        <td class="mono">${h.url}<br /><span class="muted">${h.address ?? ''}</span></td>
        ${statusCell(
          h.error === null && h.statusCode !== null && h.statusCode < 400,
          h.statusCode !== null ? String(h.statusCode) : errText(h.error),
        )}
        <td>${h.protocol ?? ''}</td>
        <td>${h.ttfbMs !== null ? formatMs(h.ttfbMs) : ''}</td>
        <td class="mono">${h.headers.location ?? ''}</td>
      </tr>`,
  );
  const last = http.hops.at(-1);
  return html`<h3>${t(lang, 'http')} <span class="muted">${http.method}</span></h3>
    ${table(['URL', lang === 'zh' ? '状态' : 'Status', lang === 'zh' ? '协议' : 'Protocol', 'TTFB', 'Location'], rows)}
    ${
      last && last.bodySample
        ? html`<details>
            <summary>${lang === 'zh' ? '响应体开头' : 'Start of the body'} (${last.bodyBytes} B)</summary>
            <pre class="raw">${last.bodySample}</pre>
          </details>`
        : ''
    }`;
}

function port80Section(probe: ProbeObservation, lang: Lang): SafeHtml {
  const p = probe.port80;
  if (!p) return html``;
  return html`<h3>${t(lang, 'port80')}</h3>
    ${kv([
      [lang === 'zh' ? '结果' : 'status', stepStatusLabel(p.status, lang)],
      [lang === 'zh' ? '地址' : 'address', p.address],
      [lang === 'zh' ? '状态码' : 'status code', p.statusCode],
      ['Server', p.server],
      ['Location', p.location],
      ['<title>', p.title],
      [lang === 'zh' ? '错误' : 'error', errText(p.error)],
    ])}`;
}

export function renderProbeView(probe: ProbeObservation | null, lang: Lang): SafeHtml {
  if (!probe) {
    return html`<section class="view" id="server-view">
      <h2>${t(lang, 'serverView')}</h2>
      <div class="card"><p class="muted">${t(lang, 'noProbe')}</p></div>
    </section>`;
  }
  const waterfall = waterfallSvg(
    probeWaterfall(probe, lang),
    `${t(lang, 'serverView')} · ${t(lang, 'waterfall')}`,
  );
  return html`<section class="view" id="server-view">
    <h2>${t(lang, 'serverView')}</h2>
    <div class="card">
      <h3>${t(lang, 'waterfall')}</h3>
      ${trusted(waterfall)}
      <p class="muted">${t(lang, 'probeWaterfallNote')}</p>
      ${tlsSection(probe, lang)} ${stepsSection(probe, lang)} ${targetSection(probe, lang)}
      ${dnsSection(probe, lang)} ${policySection(probe, lang)} ${tcpSection(probe, lang)}
      ${certificateSection(probe, lang)} ${httpSection(probe, lang)} ${port80Section(probe, lang)}
    </div>
  </section>`;
}
