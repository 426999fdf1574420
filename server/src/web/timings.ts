/**
 * Turns each view's raw timings into waterfall rows. The phone's rows come from one attempt's
 * WeChat `profile` (absolute timestamps; 0 means the phase did not happen, e.g. a reused socket).
 * The probe measures its phases separately and concurrently, so its rows are laid end to end.
 */
import type { ClientAttempt, ClientObservation } from '../../../shared/observations/client';
import type { ProbeObservation, TlsAttempt } from '../../../shared/observations/probe';
import type { Lang } from '../../../shared/taxonomy/codes';
import type { WaterfallRow } from './svg/waterfall';

const LABELS = {
  dns: { zh: 'DNS', en: 'DNS' },
  tcp: { zh: 'TCP', en: 'TCP' },
  tls: { zh: 'TLS', en: 'TLS' },
  ttfb: { zh: '首字节', en: 'First byte' },
  download: { zh: '下载', en: 'Download' },
  total: { zh: '总耗时', en: 'Total' },
} as const;

type Profile = NonNullable<ClientAttempt['profile']>;

function span(profile: Profile, from: keyof Profile, to: keyof Profile) {
  const start = profile[from];
  const end = profile[to];
  if (typeof start !== 'number' || typeof end !== 'number' || start <= 0 || end <= 0 || end < start) {
    return null;
  }
  return { start, end };
}

/** The attempt whose profile the phone waterfall shows: the first that has one, a success preferred. */
export function representativeAttempt(
  client: ClientObservation,
): { index: number; attempt: ClientAttempt } | null {
  const withProfile = client.attempts
    .map((attempt, index) => ({ attempt, index }))
    .filter(({ attempt }) => attempt.profile && typeof attempt.profile.fetchStart === 'number');
  const chosen = withProfile.find(({ attempt }) => attempt.ok) ?? withProfile[0];
  if (chosen) return chosen;
  const first = client.attempts[0];
  return first ? { index: 0, attempt: first } : null;
}

export function clientWaterfall(attempt: ClientAttempt, lang: Lang): WaterfallRow[] {
  const profile = attempt.profile;
  const state = attempt.ok ? 'ok' : 'error';
  if (!profile || typeof profile.fetchStart !== 'number' || profile.fetchStart <= 0) {
    return [{ label: LABELS.total[lang], startMs: 0, durationMs: attempt.durationMs, state }];
  }
  const origin = profile.fetchStart;
  const tls = span(profile, 'SSLconnectionStart', 'SSLconnectionEnd');
  // WeChat's connectEnd includes the TLS handshake (as in browsers' resource timing): cut TCP at TLS start.
  const tcpRaw = span(profile, 'connectStart', 'connectEnd');
  const tcp = tcpRaw && tls && tls.start >= tcpRaw.start ? { start: tcpRaw.start, end: tls.start } : tcpRaw;
  const phases: Array<[keyof typeof LABELS, { start: number; end: number } | null]> = [
    ['dns', span(profile, 'domainLookUpStart', 'domainLookUpEnd')],
    ['tcp', tcp],
    ['tls', tls],
    ['ttfb', span(profile, 'requestStart', 'responseStart')],
    ['download', span(profile, 'responseStart', 'responseEnd')],
  ];
  return phases.map(([key, s]) => ({
    label: LABELS[key][lang],
    startMs: s ? s.start - origin : 0,
    durationMs: s ? s.end - s.start : null,
    state: s ? 'ok' : 'skipped',
  }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
}

function tlsFigure(attempts: readonly TlsAttempt[]): { ms: number | null; ok: boolean } {
  const ok = median(attempts.filter((a) => a.ok).map((a) => a.durationMs));
  if (ok !== null) return { ms: ok, ok: true };
  return { ms: median(attempts.map((a) => a.durationMs)), ok: false };
}

export function probeWaterfall(probe: ProbeObservation, lang: Lang): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  let cursor = 0;
  const push = (key: keyof typeof LABELS, ms: number | null, ok: boolean, ran: boolean) => {
    rows.push({
      label: LABELS[key][lang],
      startMs: cursor,
      durationMs: ran ? ms : null,
      state: !ran ? 'skipped' : ok ? 'ok' : 'error',
    });
    if (ran && ms !== null) cursor += ms;
  };
  const dns = probe.dns;
  push('dns', dns?.durationMs ?? null, dns?.status === 'done', !!dns && dns.status !== 'skipped');
  const tcpResult =
    probe.tcp?.results.find((r) => r.address === probe.policy?.pinned) ?? probe.tcp?.results[0] ?? null;
  push('tcp', tcpResult?.durationMs ?? null, tcpResult?.ok ?? false, !!tcpResult);
  const variant = probe.tls?.variants.find((v) => v.id === 'sni-host') ?? probe.tls?.variants[0];
  const tls = variant ? tlsFigure(variant.attempts) : null;
  push('tls', tls?.ms ?? null, tls?.ok ?? false, !!tls && tls.ms !== null);
  const hop = probe.http?.hops[0];
  push('ttfb', hop?.ttfbMs ?? null, !!hop && hop.error === null, !!hop && hop.ttfbMs !== null);
  return rows;
}
