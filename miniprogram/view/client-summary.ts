/** 手机视角: what the phone saw, summed up — success ratio, environment, and the local error classes. */
import type { ClientObservation } from '../shared/observations/client';
import type { Lang } from '../shared/taxonomy/codes';
import { say, stringsFor } from '../i18n/i18n';
import { describeClass } from '../shared/classify/describe';
import { attemptState, classifyAttempt } from './attempt-view';
import { distinct, row, type Row } from './rows';

export type Ratio = { ok: number; total: number; httpErrors: number; pct: number };
export type ClassTally = { label: string; count: number; meaning: string };
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

function classTallies(doc: ClientObservation, lang: Lang): ClassTally[] {
  const tallies: ClassTally[] = [];
  for (const attempt of doc.attempts) {
    const cls = classifyAttempt(doc, attempt);
    if (!cls) continue;
    const label = `${cls.phase} / ${cls.kind}`;
    const known = tallies.find((t) => t.label === label);
    if (known) known.count += 1;
    else tallies.push({ label, count: 1, meaning: describeClass(cls, lang).meaning });
  }
  return tallies.sort((a, b) => b.count - a.count);
}

export function clientSummary(doc: ClientObservation, lang: Lang): ClientSummary {
  const t = stringsFor(lang);
  const env = doc.env;
  const ratio = successRatio(doc);
  const profiles = doc.attempts.map((a) => a.profile);
  const domainCheckText = t[`domainCheck.${env.domainCheck}`];
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
      env.domainCheck === 'off' ? 'bad' : '',
    ),
  ];
  const peers = distinct(profiles.map((p) => p?.peerIP));
  if (peers.length) rows.push(row(t.peerIP, peers.join(', ')));
  const protocols = distinct(profiles.map((p) => p?.protocol));
  if (protocols.length) rows.push(row(t.protocol, protocols.join(', ')));
  return { ratio, rows, classes: classTallies(doc, lang) };
}
