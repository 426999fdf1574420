/**
 * 服务器视角: what the outside probe saw, one line per step — DNS answers, TCP connects, TLS per SNI
 * and per version, the certificate, the HTTP answer, port 80. Raw codes are shown as the probe
 * recorded them; any section may be null (the step never ran) and is then left out.
 */
import type { ProbeError, ProbeObservation } from '../shared/observations/probe';
import type { Lang } from '../shared/taxonomy/codes';
import { stringsFor } from '../i18n/i18n';
import { row, type Row } from './rows';

function errorText(error: ProbeError | null | undefined): string {
  if (!error) return '';
  return error.code ? `${error.code} ${error.message}` : error.message;
}

export function probeSummary(probe: ProbeObservation, lang: Lang): Row[] {
  const t = stringsFor(lang);
  const rows: Row[] = [];

  const refused = probe.policy?.checks.filter((c) => !c.allowed) ?? [];
  if (refused.length) {
    rows.push(
      row(
        'policy',
        refused.map((c) => `${c.address} ${c.category}${c.reason ? ` (${c.reason})` : ''}`).join(', '),
        'bad',
      ),
    );
  }

  if (probe.dns) {
    const answers = probe.dns.answers.map((a) => a.address);
    const errors = probe.dns.errors.map((e) => `${e.rrtype} ${e.code ?? e.message}`);
    rows.push(
      row(
        t.dns,
        answers.length ? answers.join(', ') : errors.join(', ') || probe.dns.status,
        answers.length ? 'ok' : 'bad',
      ),
    );
  }

  if (probe.tcp) {
    for (const r of probe.tcp.results) {
      rows.push(
        row(
          t.tcp,
          `${r.address}:${r.port} ${r.ok ? `${t.ok} ${Math.round(r.durationMs)} ms` : errorText(r.error)}`,
          r.ok ? 'ok' : 'bad',
        ),
      );
    }
  }

  if (probe.tls) {
    if (probe.tls.variants.length) {
      const text = probe.tls.variants.map((v) => `${v.id} ${v.okCount}/${v.total}`).join(' · ');
      const allOk = probe.tls.variants.every((v) => v.okCount === v.total);
      rows.push(row(t.sniVariants, text, allOk ? 'ok' : 'bad'));
    }
    if (probe.tls.versions.length) {
      const offered = probe.tls.versions.filter((v) => v.attempt.ok).map((v) => v.version);
      const modern = offered.includes('TLSv1.2') || offered.includes('TLSv1.3');
      rows.push(row(t.tlsVersions, offered.join(', ') || t.none, modern ? 'ok' : 'bad'));
    }
  }

  const cert = probe.certificate;
  if (cert && cert.chain.length) {
    const leaf = cert.chain[0]!;
    rows.push(row(t.certificate, leaf.subject));
    rows.push(row(t.certIssuer, leaf.issuer));
    rows.push(
      row(t.certExpires, leaf.notAfter, Date.parse(leaf.notAfter) < Date.parse(probe.startedAt) ? 'bad' : ''),
    );
    rows.push(row(t.certChain, String(cert.chain.length)));
    rows.push(
      row(t.certVerify, cert.verify.ok ? t.ok : errorText(cert.verify.error), cert.verify.ok ? 'ok' : 'bad'),
    );
    if (!cert.hostname.ok) rows.push(row(t.certificate, errorText(cert.hostname.error), 'bad'));
  }

  const hop = probe.http?.hops[probe.http.hops.length - 1];
  if (hop) {
    const answered = hop.statusCode !== null;
    const text = answered
      ? [`${hop.statusCode}`, hop.protocol, hop.ttfbMs !== null ? `${Math.round(hop.ttfbMs)} ms` : null]
          .filter(Boolean)
          .join(' · ')
      : errorText(hop.error);
    rows.push(row(t.http, text, answered && hop.statusCode! < 400 ? 'ok' : 'bad'));
  }

  if (probe.port80 && probe.port80.statusCode !== null) {
    rows.push(
      row(
        t.port80,
        [String(probe.port80.statusCode), probe.port80.title, probe.port80.location]
          .filter(Boolean)
          .join(' · '),
      ),
    );
  }
  return rows;
}
