/**
 * One attempt as the Report page shows it: WeChat's raw words untouched, next to the class the
 * server's classifier read in them (`presented`, shared/present/client-attempts.ts; none until the
 * server answered) and the timing bar. The class is an interpretation; the raw errMsg above it stays
 * the evidence.
 */
import type { ClientAttempt } from '../shared/observations/client';
import { attemptState, type AttemptState } from '../shared/present/attempt-state';
import type { AttemptClassView } from '../shared/present/presented-report.schema';
import type { Lang } from '../shared/taxonomy/codes';
import { timingSegments, type Segment } from './timing';

export type AttemptView = {
  number: number;
  state: AttemptState;
  statusCode: number | null;
  errMsg: string | null;
  errno: string | null;
  durationMs: number;
  noCallback: boolean;
  classLabel: string | null;
  codeLabel: string | null;
  meaning: string | null;
  hint: string | null;
  segments: Segment[];
  /** `203.0.113.7:443 · h2 · reused`: where the attempt went, from profile */
  peerLine: string | null;
  profileRows: { key: string; value: string }[];
};

/** WeChat's profile field order (api-typings), so rows read like the timeline; unknown fields last. */
const PROFILE_ORDER = [
  'invokeStart',
  'queueStart',
  'queueEnd',
  'redirectStart',
  'redirectEnd',
  'fetchStart',
  'httpDNSDomainLookUpStart',
  'httpDNSDomainLookUpEnd',
  'domainLookUpStart',
  'domainLookUpEnd',
  'connectStart',
  'connectEnd',
  'SSLconnectionStart',
  'SSLconnectionEnd',
  'requestStart',
  'requestEnd',
  'responseStart',
  'responseEnd',
  'peerIP',
  'port',
  'protocol',
  'socketReused',
  'rtt',
];

function peerLine(profile: ClientAttempt['profile']): string | null {
  if (!profile?.peerIP) return null;
  const address =
    typeof profile.port === 'number' && profile.port > 0
      ? `${profile.peerIP}:${profile.port}`
      : profile.peerIP;
  return [address, profile.protocol, profile.socketReused ? 'reused' : null].filter(Boolean).join(' · ');
}

function profileRows(profile: ClientAttempt['profile']): AttemptView['profileRows'] {
  if (!profile) return [];
  const rank = (key: string) => {
    const i = PROFILE_ORDER.indexOf(key);
    return i === -1 ? PROFILE_ORDER.length : i;
  };
  return Object.keys(profile)
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => ({ key, value: String((profile as Record<string, unknown>)[key]) }));
}

/** `cls`: the server's reading of this attempt (null when it answered, or before the server did). */
export function attemptView(
  attempt: ClientAttempt,
  position: number,
  lang: Lang,
  cls: AttemptClassView | null,
): AttemptView {
  const record = attempt as ClientAttempt & { index?: unknown; noCallback?: unknown };
  return {
    number: (typeof record.index === 'number' ? record.index : position) + 1,
    state: attemptState(attempt),
    statusCode: typeof attempt.statusCode === 'number' ? attempt.statusCode : null,
    errMsg: typeof attempt.errMsg === 'string' ? attempt.errMsg : null,
    errno: typeof attempt.errno === 'number' ? String(attempt.errno) : null,
    durationMs: Math.round(attempt.durationMs),
    noCallback: record.noCallback === true,
    classLabel: cls?.classLabel ?? null,
    codeLabel: cls?.codeLabel ?? null,
    meaning: cls?.meaning ?? null,
    hint: cls?.hint ?? null,
    segments: timingSegments(attempt.profile, lang),
    peerLine: peerLine(attempt.profile),
    profileRows: profileRows(attempt.profile),
  };
}
