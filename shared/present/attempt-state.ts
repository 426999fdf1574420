/**
 * How one client attempt ended, as every medium colours it: answered (`ok`), answered with an HTTP
 * error status (`http`), or failed without an answer (`fail`). A module of its own, importing
 * nothing, because the mini-program needs it and must not carry the classifier.
 */
import type { ClientAttempt } from '../observations/client';

export type AttemptState = 'ok' | 'http' | 'fail';

export function attemptState(attempt: Pick<ClientAttempt, 'ok' | 'statusCode'>): AttemptState {
  if (!attempt.ok) return 'fail';
  return typeof attempt.statusCode === 'number' && attempt.statusCode >= 400 ? 'http' : 'ok';
}
