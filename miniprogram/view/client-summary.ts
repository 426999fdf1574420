/**
 * 手机视角: what the phone saw, summed up — success ratio, environment, and the error classes and
 * domain-check reading the server made of it (`presented`; without a server, the raw answer only).
 */
import type { ClientObservation } from '../shared/observations/client';
import { attemptState } from '../shared/present/attempt-state';
import type { ClassTally, ClientViewModel } from '../shared/present/presented-report.schema';
import type { Lang } from '../shared/taxonomy/codes';
import { say, stringsFor } from '../i18n/i18n';
import { distinct, row, type Row } from './rows';

export type Ratio = { ok: number; total: number; httpErrors: number; pct: number };
export type ClientSummary = { ratio: Ratio; rows: Row[]; classes: ClassTally[] };

export function successRatio(doc: ClientObservation): Ratio {
  const states = doc.attempts.map(attemptState);
  const ok = states.filter((s) => s === 'ok').length;
  const total = states.length;
  return {
    ok,
    total,
    httpErrors: states.filter((s) => s === 'http').length,
    pct: total === 0 ? 0 : Math.round((ok / total) * 100),
  };
}

/** `read`: the server's reading of this document, null before the server answered. */
export function clientSummary(
  doc: ClientObservation,
  lang: Lang,
  read: ClientViewModel | null,
): ClientSummary {
  const t = stringsFor(lang);
  const env = doc.env;
  const ratio = successRatio(doc);
  const profiles = doc.attempts.map((a) => a.profile);
  const domainCheck = read?.domainCheck ?? env.domainCheck;
  const domainCheckText = t[`domainCheck.${domainCheck}`];
  const rows: Row[] = [
    row(
      say(lang, 'successRatio', { ok: ratio.ok, total: ratio.total }),
      ratio.httpErrors ? say(lang, 'httpErrors', { n: ratio.httpErrors }) : `${ratio.pct}%`,
      ratio.ok === ratio.total && ratio.total > 0 ? 'ok' : 'bad',
    ),
    row(t.platform, [env.platform, env.system, env.model].filter(Boolean).join(' · ')),
    row(t.wechatVersion, env.version),
    row(t.sdkVersion, env.SDKVersion),
    row(t.networkType, env.networkType),
    row(t.envVersion, env.envVersion),
    row(t.debug, env.enableDebug ? t.yes : t.no, env.enableDebug ? 'bad' : ''),
    row(
      t.domainCheck,
      env.domainCheckEvidence ? `${domainCheckText} — ${env.domainCheckEvidence}` : domainCheckText,
      domainCheck === 'off' ? 'bad' : '',
    ),
  ];
  const peers = distinct(profiles.map((p) => p?.peerIP));
  if (peers.length) rows.push(row(t.peerIP, peers.join(', ')));
  const protocols = distinct(profiles.map((p) => p?.protocol));
  if (protocols.length) rows.push(row(t.protocol, protocols.join(', ')));
  return { ratio, rows, classes: read?.classes ?? [] };
}
