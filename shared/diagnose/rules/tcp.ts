/**
 * TCP family. `tcp-refused`: every address answers the SYN with a RST (ECONNREFUSED).
 * `tcp-timeout`: the SYN goes unanswered (ETIMEDOUT) or the host is unreachable. Read from the
 * probe's connect step; the client's own connect errors speak when the probe cannot.
 */
import type { ProbeError } from '../../observations/probe';
import { clientGuess, type ProbeView } from '../client-guess';
import { checkedPort, measuredVariants, type Context, type ProbeFacts } from '../context';
import type { Evidence } from '../../observations/evidence';
import { evidence as piece, tcpResultEvidence, tlsErrorsEvidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { tcpRefusedTexts, tcpTimeoutTexts } from '../texts/tcp';
import { PROBE_ERROR_CODES } from '../../observations/vocabulary';

type ConnectFailure = 'refused' | 'timeout' | 'unreachable' | 'other';

/** The probe's own timer, when its global budget (not the target) ended the connect. */
const BUDGET_ENDED = /probe budget ended/i;

export function connectFailure(e: ProbeError | null, stepTimedOut = false): ConnectFailure {
  const code = e?.code ?? '';
  if (BUDGET_ENDED.test(e?.message ?? '')) return 'other';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return 'unreachable';
  if (
    code === PROBE_ERROR_CODES.timeout ||
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    /timed? ?out/i.test(e?.message ?? '')
  )
    return 'timeout';
  return stepTimedOut ? 'timeout' : 'other';
}

function where(p: ProbeFacts): string {
  const host = p.url?.host ?? '?';
  const port = p.doc.tcp?.results[0]?.port ?? p.url?.port ?? null;
  return port === null ? host : `${host}:${port}`;
}

type TcpFinding = { failure: ConnectFailure; confidence: number; evidence: Evidence[] };

function tcpFinding(p: ProbeFacts): TcpFinding | null {
  const C = CALIBRATION.connectStep;
  const tcp = p.doc.tcp;
  const results = tcp?.results ?? [];
  if (tcp && results.length > 0) {
    if (results.some((r) => r.ok)) return null;
    const kinds = results.map((r) => connectFailure(r.error, tcp.status === 'timeout'));
    const evidence = results
      .map((_, i) => tcpResultEvidence(p, i, true))
      .filter((e): e is Evidence => e !== null);
    const first = kinds[0] ?? 'other';
    if (kinds.every((k) => k === first)) {
      if (first === 'other') return null;
      return {
        failure: first,
        confidence: C[first],
        evidence,
      };
    }
    const refused = kinds.filter((k) => k === 'refused').length;
    const timeouts = kinds.filter((k) => k === 'timeout' || k === 'unreachable').length;
    if (refused + timeouts === 0) return null;
    return { failure: refused >= timeouts ? 'refused' : 'timeout', confidence: C.mixed, evidence };
  }
  if (tcp && tcp.status === 'timeout')
    return {
      failure: 'timeout',
      confidence: C.stepTimedOutNoResult,
      evidence: [piece('tcp-no-result', '/probe/tcp', { status: 'timeout' })],
    };
  // No connect step recorded: TLS attempts that all failed to connect say the same.
  const attempts = measuredVariants(p).flatMap((v) => v.attempts);
  if (attempts.length > 0 && attempts.every((a) => !a.ok && a.error?.code === 'ECONNREFUSED'))
    return {
      failure: 'refused',
      confidence: C.tlsConnectsRefused,
      evidence: [tlsErrorsEvidence(attempts)],
    };
  return null;
}

function tcpView(ctx: Context): { view: ProbeView; finding: TcpFinding | null } {
  const p = ctx.outside;
  if (!p || (!p.doc.tcp && measuredVariants(p).length === 0)) return { view: 'missing', finding: null };
  const finding = tcpFinding(p);
  if (finding) return { view: 'problem', finding };
  const reached =
    (p.doc.tcp?.results ?? []).some((r) => r.ok) || measuredVariants(p).some((v) => v.okCount > 0);
  return { view: reached ? 'fine' : 'missing', finding: null };
}

const tcpRefused: Rule = {
  id: 'tcp/refused',
  family: 'tcp',
  evaluate(ctx): Candidate[] {
    const { view, finding } = tcpView(ctx);
    if (finding && ctx.outside && finding.failure === 'refused')
      return [
        candidate(
          'tcp-refused',
          finding.confidence,
          'probe',
          finding.evidence,
          tcpRefusedTexts(where(ctx.outside), checkedPort(ctx)),
        ),
      ];
    const host = ctx.client?.url?.host ?? '?';
    return clientGuess(
      ctx,
      ['connection-refused'],
      'tcp-refused',
      view,
      CALIBRATION['tcp/refused'].guess,
      () => tcpRefusedTexts(host, checkedPort(ctx)),
    );
  },
};

const tcpTimeout: Rule = {
  id: 'tcp/timeout',
  family: 'tcp',
  evaluate(ctx): Candidate[] {
    const { view, finding } = tcpView(ctx);
    if (finding && ctx.outside && (finding.failure === 'timeout' || finding.failure === 'unreachable'))
      return [
        candidate(
          'tcp-timeout',
          finding.confidence,
          'probe',
          finding.evidence,
          tcpTimeoutTexts(where(ctx.outside), finding.failure === 'unreachable', checkedPort(ctx)),
        ),
      ];
    const host = ctx.client?.url?.host ?? '?';
    return clientGuess(
      ctx,
      ['connection-timeout'],
      'tcp-timeout',
      view,
      CALIBRATION['tcp/timeout'].guess,
      () => tcpTimeoutTexts(host, false, checkedPort(ctx)),
    );
  },
};

export const tcpRules: Rule[] = [tcpRefused, tcpTimeout];
