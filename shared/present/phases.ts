/**
 * The phase breakdown of one request from WeChat's `profile` — the one definition the CLI line, the
 * web waterfall and the mini-program's timing bar all draw. Field meanings are WeChat's
 * (api-typings `RequestProfile`; https://developers.weixin.qq.com/miniprogram/dev/framework/performance/network.html):
 *
 *   dns       domainLookUpStart  → domainLookUpEnd    local DNS; both equal fetchStart when cached or kept alive
 *   tcp       connectStart       → SSLconnectionStart  see below; without TLS (SSLconnectionStart 0) → connectEnd
 *   tls       SSLconnectionStart → SSLconnectionEnd    "0 if not a secure connection"
 *   ttfb      requestStart       → responseStart       request sent, waiting for the first byte
 *   download  responseStart      → responseEnd         first to last byte
 *
 * Why TCP ends at SSLconnectionStart: WeChat documents `connectEnd` as *including* SSL and SOCKS
 * ("connectEnd includes SSL and SOCKS"), the same as Chromium's load timing it comes from. TCP is what
 * happens before the handshake starts, so its end is SSLconnectionStart. Subtracting the TLS duration
 * from connectEnd − connectStart (what the mini-program did) gives the same number only when
 * SSLconnectionEnd = connectEnd; when the client records connectEnd later than the handshake's end it
 * counts time after the handshake as TCP, which cannot be, and it gives a duration with no start, which
 * a waterfall cannot place. Cutting at SSLconnectionStart keeps every phase a real interval.
 *
 * A phase "did not happen" (null, never 0 ms) when a mark is missing or 0, the interval is reversed, or
 * it has no length: WeChat sets the DNS marks equal to fetchStart for a cached lookup and the connect
 * marks equal to fetchStart for a reused connection, and high-performance mode leaves fields at 0.
 */
import type { ClientAttempt, ClientObservation, ClientProfile } from '../observations/client';
import type { Lang, Localized } from '../taxonomy/codes';

export const PROFILE_PHASES = ['dns', 'tcp', 'tls', 'ttfb', 'download'] as const;
export type ProfilePhaseId = (typeof PROFILE_PHASES)[number];

export const PROFILE_PHASE_LABELS = {
  dns: { zh: 'DNS', en: 'DNS' },
  tcp: { zh: 'TCP', en: 'TCP' },
  tls: { zh: 'TLS', en: 'TLS' },
  ttfb: { zh: '首字节', en: 'First byte' },
  download: { zh: '下载', en: 'Download' },
} as const satisfies Record<ProfilePhaseId, Localized>;

/** What a medium shows when an attempt has no usable profile: its measured total only. */
export const TOTAL_LABEL: Localized = { zh: '总耗时', en: 'Total' };

export type ProfilePhase = {
  id: ProfilePhaseId;
  label: string;
  /** ms after fetchStart; null when the phase did not happen */
  startMs: number | null;
  /** whole ms; null when the phase did not happen */
  durationMs: number | null;
};

type Span = { start: number; end: number };

function mark(profile: ClientProfile, key: keyof ClientProfile): number | null {
  const v = profile[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

function span(start: number | null, end: number | null): Span | null {
  return start !== null && end !== null && end > start ? { start, end } : null;
}

function phaseSpans(p: ClientProfile): Record<ProfilePhaseId, Span | null> {
  const tls = span(mark(p, 'SSLconnectionStart'), mark(p, 'SSLconnectionEnd'));
  const connectStart = mark(p, 'connectStart');
  const tcpEnd =
    tls && connectStart !== null && tls.start >= connectStart ? tls.start : mark(p, 'connectEnd');
  return {
    dns: span(mark(p, 'domainLookUpStart'), mark(p, 'domainLookUpEnd')),
    tcp: span(connectStart, tcpEnd),
    tls,
    ttfb: span(mark(p, 'requestStart'), mark(p, 'responseStart')),
    download: span(mark(p, 'responseStart'), mark(p, 'responseEnd')),
  };
}

/** Has the attempt a profile with the mark every phase is placed from (WeChat fills it on iOS and Android only)? */
export function hasProfile(attempt: Pick<ClientAttempt, 'profile'>): boolean {
  return !!attempt.profile && mark(attempt.profile, 'fetchStart') !== null;
}

/** Every phase, in order, named in `lang`; one that did not happen has null times. */
export function profilePhases(profile: ClientProfile, lang: Lang): ProfilePhase[] {
  const spans = phaseSpans(profile);
  const origin = mark(profile, 'fetchStart');
  return PROFILE_PHASES.map((id) => {
    const s = spans[id];
    return {
      id,
      label: PROFILE_PHASE_LABELS[id][lang],
      startMs: s && origin !== null ? Math.max(0, Math.round(s.start - origin)) : null,
      durationMs: s ? Math.round(s.end - s.start) : null,
    };
  });
}

/** Only the phases that happened: what a compact medium (a terminal line, a phone bar) lists. */
export function happenedPhases(profile: ClientProfile, lang: Lang): ProfilePhase[] {
  return profilePhases(profile, lang).filter((p) => p.durationMs !== null);
}

/** The attempt whose profile a report shows: the first with one, a success preferred. */
export function representativeAttempt(
  client: Pick<ClientObservation, 'attempts'>,
): { index: number; attempt: ClientAttempt } | null {
  const withProfile = client.attempts
    .map((attempt, index) => ({ attempt, index }))
    .filter(({ attempt }) => hasProfile(attempt));
  return withProfile.find(({ attempt }) => attempt.ok) ?? withProfile[0] ?? null;
}
