/**
 * The phone's attempts as a reader sees them: each failed attempt's class (the shared classifier's
 * reading of WeChat's raw words), its code, what it means and what to check, the classes tallied, and
 * the domain-check reading. The raw errMsg stays the evidence; the class is an interpretation.
 * Server side: the mini-program receives these under `presented` and only lays them out (its
 * package carries neither the classifier nor its tables, see miniprogram/README.md).
 */
import { CODE_MEANINGS } from '../classify/chromium-net-error-meanings';
import { classifyClientError } from '../classify/classify';
import { describeClass } from '../classify/describe';
import { domainCheckOf, tlsChecksHidden } from '../classify/domain-check';
import type { ClientErrorClass } from '../classify/types';
import type { ClientAttempt, ClientObservation } from '../observations/client';
import type { Lang } from '../taxonomy/codes';
import { attemptState } from './attempt-state';
import type { AttemptClassView, ClassTally, ClientViewModel } from './presented-report.schema';

/** The class of a failed attempt; an answered request with status >= 400 is http/http-status. */
export function classifyAttempt(doc: ClientObservation, attempt: ClientAttempt): ClientErrorClass | null {
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

/** `-202 ERR_CERT_AUTHORITY_INVALID`; an errno whose name is the number itself shows once. */
function codeLabel(cls: ClientErrorClass): string | null {
  const parts = [cls.code === undefined ? '' : String(cls.code), cls.codeName ?? ''].filter((p) => p !== '');
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.length ? unique.join(' ') : null;
}

const classLabel = (cls: ClientErrorClass) => `${cls.phase} / ${cls.kind}`;

export function attemptClassView(
  doc: ClientObservation,
  attempt: ClientAttempt,
  lang: Lang,
): AttemptClassView | null {
  const cls = classifyAttempt(doc, attempt);
  if (!cls) return null;
  const { meaning, hint } = describeClass(cls, lang, CODE_MEANINGS);
  return { classLabel: classLabel(cls), codeLabel: codeLabel(cls), meaning, hint };
}

/** Each class once with how many attempts fell in it, the most frequent first. */
function classTallies(views: readonly (AttemptClassView | null)[]): ClassTally[] {
  const tallies: ClassTally[] = [];
  for (const view of views) {
    if (!view) continue;
    const known = tallies.find((t) => t.label === view.classLabel);
    if (known) known.count += 1;
    else tallies.push({ label: view.classLabel, count: 1, meaning: view.meaning });
  }
  return tallies.sort((a, b) => b.count - a.count);
}

export function clientViewModel(doc: ClientObservation, lang: Lang): ClientViewModel {
  const attempts = doc.attempts.map((a) => attemptClassView(doc, a, lang));
  return {
    attempts,
    classes: classTallies(attempts),
    domainCheck: domainCheckOf(doc.env),
    tlsChecksHidden: tlsChecksHidden(doc.env),
  };
}
