/**
 * HTTP family, from the probe's hop-by-hop fetch (redirects followed by hand, max 5) and the
 * statuses the client received. `http-error-status`: the final answer is 4xx/5xx (a provider's ICP
 * block page is the ICP rule's). `redirect-problem`: to http://, to another host, in a loop, or more
 * than 5 hops. `server-slow`: the handshake completes but the answer comes after the timeout.
 */
import type { HttpHop } from '../../observations/probe';
import { clientFailuresOf, clientGuess, type ProbeView } from '../client-guess';
import { finalHop, tcpReached, variant, type Context, type ProbeFacts } from '../context';
import type { Evidence } from '../../observations/evidence';
import { clientAttemptEvidence, evidence as piece, header, hopEvidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { L, candidate, type Candidate, type Rule } from '../rule';
import { httpStatusTexts, redirectTexts, serverSlowTexts, type RedirectIssue } from '../texts/http';
import { resolveLocation } from '../../url/location';
import { parseUrl } from '../../url/parse';
import { findBlockPage } from './icp';
import { PROBE_ERROR_CODES } from '../../observations/vocabulary';

const DEFAULT_WECHAT_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
/** The probe's own per-step timer and undici's / Node's timeouts. */
const TIMEOUT_CODES: readonly string[] = [
  PROBE_ERROR_CODES.timeout,
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
];

function hops(p: ProbeFacts): HttpHop[] {
  return p.doc.http?.hops ?? [];
}

function statusConfidence(status: number): number {
  const C = CALIBRATION['http/error-status'];
  if (status >= 500) return C.status5xx;
  if (status === 404) return C.status404;
  if (status === 401 || status === 403 || status === 405 || status === 429) return C.statusAuthOrMethod;
  return C.statusOther;
}

const httpErrorStatus: Rule = {
  id: 'http/error-status',
  family: 'http',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    const out: Candidate[] = [];
    const method = p?.doc.http?.method ?? ctx.client?.doc.options?.method ?? 'GET';
    const last = p ? finalHop(p) : null;
    const probeStatus = last?.statusCode ?? null;
    if (p && last && probeStatus !== null && probeStatus >= 400 && !findBlockPage(p)) {
      out.push(
        candidate(
          'http-error-status',
          statusConfidence(probeStatus),
          'probe',
          [hopEvidence(last, hops(p).length - 1)],
          httpStatusTexts(last.url, probeStatus, method, false),
        ),
      );
    }
    // What the phone received is a fact of its own, whatever the probe saw.
    const answered = clientFailuresOf(ctx, ['http-status']).filter(
      (f) => typeof f.attempt.statusCode === 'number',
    );
    const first = answered[0];
    if (
      ctx.client &&
      first &&
      typeof first.attempt.statusCode === 'number' &&
      (probeStatus === null || probeStatus < 400)
    ) {
      const evidence = clientAttemptEvidence(answered);
      if (p && last) evidence.push(hopEvidence(last, hops(p).length - 1));
      out.push(
        candidate(
          'http-error-status',
          p && last
            ? CALIBRATION['http/error-status'].clientBesideProbe
            : CALIBRATION['http/error-status'].clientOnly,
          'client',
          evidence,
          httpStatusTexts(ctx.client.doc.url, first.attempt.statusCode, method, true),
        ),
      );
    }
    return out;
  },
};

function normaliseUrl(u: string): string {
  return u
    .replace(/#.*$/, '')
    .replace(/^(https?:\/\/[^/?#]+)$/i, '$1/')
    .toLowerCase();
}

function redirectIssues(p: ProbeFacts): { issues: RedirectIssue[]; evidence: Evidence[] } {
  const list = hops(p);
  const originHost = p.url?.host ?? parseUrl(list[0]?.url ?? '')?.host ?? '';
  const originScheme = p.url?.scheme ?? 'https';
  const issues: RedirectIssue[] = [];
  const evidence: Evidence[] = [];
  const seen = list.map((h) => normaliseUrl(h.url));
  list.forEach((hop, i) => {
    const location = header(hop.headers, 'location');
    if (hop.statusCode === null || hop.statusCode < 300 || hop.statusCode >= 400 || !location) return;
    const target = resolveLocation(hop.url, location);
    const t = parseUrl(target);
    let flagged = false;
    if (t && t.scheme === 'http' && originScheme !== 'http') {
      issues.push({ kind: 'to-http', detail: target });
      flagged = true;
    }
    if (t && t.host !== originHost && !issues.some((x) => x.kind === 'offsite' && x.detail === t.host)) {
      issues.push({ kind: 'offsite', detail: t.host });
      flagged = true;
    }
    const earlier = seen.slice(0, i + 1).indexOf(normaliseUrl(target));
    if (earlier >= 0 && !issues.some((x) => x.kind === 'loop')) {
      issues.push({ kind: 'loop', detail: `${list[earlier]?.url ?? target} → … → ${hop.url} → ${target}` });
      flagged = true;
    }
    if (flagged) evidence.push(hopEvidence(hop, i));
  });
  const last = list[list.length - 1];
  const lastIsRedirect =
    !!last &&
    last.statusCode !== null &&
    last.statusCode >= 300 &&
    last.statusCode < 400 &&
    !!header(last.headers, 'location');
  if (lastIsRedirect && list.length > MAX_REDIRECTS && !issues.some((x) => x.kind === 'loop')) {
    issues.push({ kind: 'too-many', detail: String(list.length) });
    evidence.push(hopEvidence(last, list.length - 1));
  }
  return { issues, evidence };
}

const redirectProblem: Rule = {
  id: 'http/redirect-problem',
  family: 'http',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    const host = ctx.probe?.url?.host ?? ctx.client?.url?.host ?? '?';
    const found = p ? redirectIssues(p) : { issues: [], evidence: [] };
    if (found.issues.length > 0) {
      const strong = found.issues.some((i) => i.kind !== 'offsite');
      return [
        candidate(
          'redirect-problem',
          strong
            ? CALIBRATION['http/redirect-problem'].strong
            : CALIBRATION['http/redirect-problem'].offsiteOnly,
          'probe',
          found.evidence,
          redirectTexts(host, found.issues),
        ),
      ];
    }
    const view: ProbeView = p && hops(p).length > 0 ? 'fine' : 'missing';
    return clientGuess(
      ctx,
      ['too-many-redirects'],
      'redirect-problem',
      view,
      CALIBRATION['http/redirect-problem'].guess,
      () => redirectTexts(host, [{ kind: 'too-many', detail: '>5' }]),
    );
  },
};

function clientTimeoutMs(ctx: Context): number {
  const t = ctx.client?.doc.options?.timeoutMs;
  return typeof t === 'number' && t > 0 ? t : DEFAULT_WECHAT_TIMEOUT_MS;
}

/**
 * The connection (TCP, and TLS for https) was up, so the slowness is the application's: the hop's
 * protocol is only known once its connection is established; the handshake variants say it too.
 */
function handshakeDone(p: ProbeFacts, hop: HttpHop): boolean {
  if (hop.protocol !== null) return true;
  // the hop's own connection never came up (its connect timed out): not the application's slowness,
  // even when some handshake of the variants got through (an SNI filter's leak)
  if (hop.error?.syscall === 'connect') return false;
  const sni = variant(p, 'sni-host');
  if (sni) return sni.okCount > 0;
  return (p.url?.scheme === 'http' || p.url?.scheme === 'ws') && tcpReached(p);
}

/** The probe could not even complete a handshake: a client timeout is explained further down. */
function lowerLayerFailed(p: ProbeFacts): boolean {
  const sni = variant(p, 'sni-host');
  if (sni) return sni.okCount === 0;
  const results = p.doc.tcp?.results ?? [];
  return results.length > 0 && results.every((r) => !r.ok);
}

const serverSlow: Rule = {
  id: 'http/server-slow',
  family: 'http',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['http/server-slow'];
    const p = ctx.outside;
    const url = ctx.probe?.doc.url ?? ctx.client?.doc.url ?? '?';
    const clientTimeouts = clientFailuresOf(ctx, ['timeout']);
    const clientLimit = ctx.client ? clientTimeoutMs(ctx) : null;
    const last = p ? finalHop(p) : null;
    if (p && p.doc.http && last && handshakeDone(p, last)) {
      const probeLimit = p.doc.http.timeoutMs;
      const error = last.error;
      // The probe's own global budget ending is not the server being slow.
      const budget = error !== null && /probe budget ended/i.test(error.message);
      const timedOut =
        !budget &&
        error !== null &&
        (TIMEOUT_CODES.includes(error.code ?? '') || /time(d)? ?out/i.test(error.message));
      const ttfb = last?.ttfbMs ?? null;
      const evidence = [
        hopEvidence(last, hops(p).length - 1),
        piece('http-timeout', '/probe/http/timeoutMs', { timeoutMs: probeLimit }),
      ];
      let confidence = 0;
      let detail = L('', '');
      if (timedOut || (ttfb !== null && ttfb >= probeLimit)) {
        confidence = C.probeTimedOut;
        detail = L(
          `探测等了 ${probeLimit} ms 仍未收到响应头。`,
          `The probe waited ${probeLimit} ms without receiving the response headers.`,
        );
      } else if (
        ttfb !== null &&
        clientLimit !== null &&
        clientTimeouts.length > 0 &&
        ttfb >= clientLimit * 0.5
      ) {
        confidence = ttfb >= clientLimit ? C.beyondClientTimeout : C.nearClientTimeout;
        detail = L(
          `探测测得首字节时间 ${Math.round(ttfb)} ms，已接近或超过小程序的超时时间。`,
          `The probe measured ${Math.round(ttfb)} ms to the first byte, close to or beyond the mini-program's timeout.`,
        );
      } else if (ttfb !== null && ttfb >= probeLimit * 0.8) {
        confidence = C.nearProbeTimeout;
        detail = L(
          `探测测得首字节时间 ${Math.round(ttfb)} ms，接近探测的超时上限 ${probeLimit} ms。`,
          `The probe measured ${Math.round(ttfb)} ms to the first byte, close to its ${probeLimit} ms limit.`,
        );
      }
      if (confidence > 0)
        return [
          candidate('server-slow', confidence, 'probe', evidence, serverSlowTexts(url, detail, clientLimit)),
        ];
    }
    const view: ProbeView = !p
      ? 'missing'
      : lowerLayerFailed(p)
        ? 'problem'
        : last && last.statusCode !== null
          ? 'fine'
          : 'missing';
    const handshook = clientTimeouts.filter((f) => (f.attempt.profile?.SSLconnectionEnd ?? 0) > 0);
    const tlsDone = handshook.length > 0;
    return clientGuess(
      ctx,
      ['timeout'],
      'server-slow',
      view,
      tlsDone ? C.guessTlsDone : C.guess,
      () => serverSlowTexts(url, L('', ''), clientLimit),
      tlsDone
        ? [piece('client-handshake-done', '/client/attempts', { attempts: handshook.map((f) => f.index) })]
        : [],
    );
  },
};

export const httpRules: Rule[] = [httpErrorStatus, redirectProblem, serverSlow];
