/**
 * One attempt as the Report page shows it: WeChat's raw words untouched, next to the LOCAL
 * classification of those words (the shared classifier, running inside the mini-program) and the
 * timing bar. The class is an interpretation; the raw errMsg above it stays the evidence.
 */
import { classifyClientError } from '../shared/classify/classify';
import { describeClass } from '../shared/classify/describe';
import type { ClientAttempt, ClientObservation } from '../shared/observations/client';
import type { Lang } from '../shared/taxonomy/codes';
import { timingSegments, type Segment } from './timing';

export type AttemptState = 'ok' | 'http' | 'fail';
export type Classified = ReturnType<typeof classifyClientError>;

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

export function attemptState(attempt: ClientAttempt): AttemptState {
  if (!attempt.ok) return 'fail';
  return typeof attempt.statusCode === 'number' && attempt.statusCode >= 400 ? 'http' : 'ok';
}

/** The class of a failed attempt; an answered request with status >= 400 is http/http-status. */
export function classifyAttempt(doc: ClientObservation, attempt: ClientAttempt): Classified | null {
  const state = attemptState(attempt);
  if (state === 'ok') return null;
  if (state === 'http') return { phase: 'http', kind: 'http-status', platform: doc.env.platform };
  return classifyClientError({
    raw: attempt.errMsg ?? '',
    errno: typeof attempt.errno === 'number' ? attempt.errno : undefined,
    platform: doc.env.platform,
    api: doc.api,
  });
}

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

/** `-202 ERR_CERT_AUTHORITY_INVALID`; an errno whose name is the number itself shows once. */
function codeLabel(cls: Classified): string | null {
  const parts = [cls.code === undefined ? '' : String(cls.code), cls.codeName ?? ''].filter((p) => p !== '');
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.length ? unique.join(' ') : null;
}

export function attemptView(
  doc: ClientObservation,
  attempt: ClientAttempt,
  position: number,
  lang: Lang,
): AttemptView {
  const cls = classifyAttempt(doc, attempt);
  const description = cls ? describeClass(cls, lang) : null;
  const record = attempt as ClientAttempt & { index?: unknown; noCallback?: unknown };
  return {
    number: (typeof record.index === 'number' ? record.index : position) + 1,
    state: attemptState(attempt),
    statusCode: typeof attempt.statusCode === 'number' ? attempt.statusCode : null,
    errMsg: typeof attempt.errMsg === 'string' ? attempt.errMsg : null,
    errno: typeof attempt.errno === 'number' ? String(attempt.errno) : null,
    durationMs: Math.round(attempt.durationMs),
    noCallback: record.noCallback === true,
    classLabel: cls ? `${cls.phase} / ${cls.kind}` : null,
    codeLabel: cls ? codeLabel(cls) : null,
    meaning: description?.meaning ?? null,
    hint: description?.hint ?? null,
    segments: timingSegments(attempt.profile, lang),
    peerLine: peerLine(attempt.profile),
    profileRows: profileRows(attempt.profile),
  };
}
