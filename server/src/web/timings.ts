/**
 * Turns each view's raw timings into waterfall rows. The phone's rows are the shared phase breakdown
 * of one attempt's WeChat `profile` (shared/present/phases.ts: the same phases and milliseconds the
 * CLI and the mini-program show). The probe measures its phases separately and concurrently, so its
 * rows are laid end to end.
 */
import type { ClientAttempt, ClientObservation } from '../../../shared/observations/client';
import type { ProbeObservation, TlsAttempt } from '../../../shared/observations/probe';
import {
  PROFILE_PHASE_LABELS,
  TOTAL_LABEL,
  hasProfile,
  profilePhases,
  representativeAttempt,
} from '../../../shared/present/phases';
import type { Lang } from '../../../shared/taxonomy/codes';
import type { WaterfallRow } from './svg/waterfall';

const LABELS = { ...PROFILE_PHASE_LABELS, total: TOTAL_LABEL } as const;

/** The phone's waterfall: every phase of the shared breakdown, one that did not happen drawn as skipped. */
export function clientWaterfall(attempt: ClientAttempt, lang: Lang): WaterfallRow[] {
  if (!attempt.profile || !hasProfile(attempt)) {
    return [
      {
        label: TOTAL_LABEL[lang],
        startMs: 0,
        durationMs: attempt.durationMs,
        state: attempt.ok ? 'ok' : 'error',
      },
    ];
  }
  return profilePhases(attempt.profile, lang).map((p) => ({
    label: p.label,
    startMs: p.startMs ?? 0,
    durationMs: p.durationMs,
    state: p.durationMs === null ? 'skipped' : 'ok',
  }));
}

/** The attempt the phone waterfall shows: the shared choice, else the first attempt (its total only). */
export function waterfallAttempt(
  client: ClientObservation,
): { index: number; attempt: ClientAttempt } | null {
  const first = client.attempts[0];
  return representativeAttempt(client) ?? (first ? { index: 0, attempt: first } : null);
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
