/**
 * Step 5 and 6: the TLS variants (SNI = host, no SNI, control SNI, split ClientHello), each repeated
 * up to `attempts` times, and the version sweep (1.3 / 1.2 / 1.1 / 1.0, SNI = host), all on the pinned
 * address and interleaved through one concurrency pool so variants are compared over the same
 * moments. One more handshake, against the trusted roots, gives the certificate step its verdict.
 *
 * How many: `exact` runs `attempts` per variant. `adaptive` (the default) first runs
 * ADAPTIVE_EARLY_STOP per variant; if every one of them succeeded the probe stops there (a healthy
 * endpoint is healthy after 16 clean handshakes), and the first failed attempt of any variant sends
 * it on to the full `attempts` at once, so a failing or mixed endpoint gets its whole count and its
 * ratio; so does a version-sweep handshake reset, closed or unanswered. After the full count, when
 * the target SNI's failures against the controls' are close to the significance level (undecided
 * either way, close-differential.ts), adaptive runs one more round, up to
 * CLOSE_TO_SIGNIFICANCE_MAX_FACTOR × `attempts` per variant. Exact never does. What was planned and
 * why is recorded as `tls.attemptPlan`.
 */
import type { SecureVersion } from 'node:tls';
import type {
  AttemptPlan,
  ProbeTls,
  TlsAttempt,
  TlsVariant,
  TlsVersion,
} from '../../../shared/observations/probe';
import {
  TLS_VARIANT_IDS,
  type AttemptMode,
  type TlsVariantId,
} from '../../../shared/observations/vocabulary';
import { sniDifferential, shouldEscalate } from './close-differential';
import { ADAPTIVE_EARLY_STOP, CLOSE_TO_SIGNIFICANCE_MAX_FACTOR, TLS_CONCURRENCY } from './limits';
import { timeoutError } from './raw-error';
import { tlsAttempt, type TlsAttemptOutcome, type TlsAttemptSpec } from './tls-attempt';
import { TlsContexts } from './tls-context';

type VariantPlan = { id: TlsVariantId; sni: string | null; splitHello: boolean };

/** How each variant of the contract is measured: a variant added there without a plan here fails to compile. */
const VARIANT_PLANS: Record<
  TlsVariantId,
  (hostSni: string | null, controlSni: string) => Omit<VariantPlan, 'id'>
> = {
  'sni-host': (hostSni) => ({ sni: hostSni, splitHello: false }),
  'no-sni': () => ({ sni: null, splitHello: false }),
  'control-sni': (_, controlSni) => ({ sni: controlSni, splitHello: false }),
  'split-hello': (hostSni) => ({ sni: hostSni, splitHello: true }),
};

const VERSION_SWEEP: ReadonlyArray<{ version: TlsVersion; ciphers?: string }> = [
  { version: 'TLSv1.3' },
  { version: 'TLSv1.2' },
  // OpenSSL 3 refuses TLS 1.0/1.1 at the default security level
  { version: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
  { version: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
];

const SWEEP_ENDS_THAT_ESCALATE: ReadonlySet<TlsAttempt['end']> = new Set(['rst', 'fin', 'timeout']);

export type TlsRunConfig = {
  address: string;
  port: number;
  /** the URL host; null SNI for IP-literal hosts (RFC 6066 forbids IP addresses in SNI) */
  host: string;
  hostIsIp: boolean;
  controlSni: string;
  /** per variant: the full count (adaptive) or the exact one */
  attempts: number;
  attemptMode: AttemptMode;
  timeoutMs: number;
  /** extra trusted roots (PEM), on top of Node's bundled Mozilla roots */
  ca: string[];
  signal: AbortSignal;
  /** only the SNI = host variant and no version sweep: what each further address of the name gets */
  hostSniOnly?: boolean;
};

export type TlsRun = {
  /** filled in as attempts finish, so a budget cut still leaves what was measured */
  section: ProbeTls;
  /** the first completed handshake with SNI = host, trusting nothing: the chain exactly as sent */
  firstHostHandshake: Promise<TlsAttemptOutcome | null>;
  /** the handshake against trusted roots (verification result, OCSP staple) */
  verifyHandshake: Promise<TlsAttemptOutcome>;
  /** settles when every attempt has finished */
  done: Promise<void>;
};

/** What a queued attempt gives when the probe stopped before its turn: it never connected. */
function notStarted(timeoutMs: number): TlsAttemptOutcome {
  return {
    attempt: {
      ok: false,
      durationMs: 0,
      end: 'timeout',
      serverBytes: 0,
      alert: null,
      error: timeoutError(timeoutMs, 'TLS attempt (probe stopped before it started)'),
      protocol: null,
      cipher: null,
      alpn: null,
    },
    chain: null,
    peer: null,
    ocspStapled: null,
    verifyError: null,
  };
}

/** A tiny FIFO semaphore. */
function pool(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The plan before any attempt: adaptive starts with the early-stop count, unless that saves nothing. */
function initialPlan(mode: AttemptMode, requested: number): { plan: AttemptPlan; firstRounds: number } {
  const plan = (reason: AttemptPlan['reason']): AttemptPlan => ({
    mode,
    requested,
    earlyStopAfter: mode === 'adaptive' ? Math.min(ADAPTIVE_EARLY_STOP, requested) : requested,
    reason,
  });
  if (mode === 'exact') return { plan: plan('exact'), firstRounds: requested };
  if (requested <= ADAPTIVE_EARLY_STOP) return { plan: plan('within-early-stop'), firstRounds: requested };
  // stays `all-consistent` unless a failed attempt escalates it (see `escalate` below)
  return { plan: plan('all-consistent'), firstRounds: ADAPTIVE_EARLY_STOP };
}

export function startTlsRun(config: TlsRunConfig): TlsRun {
  const hostSni = config.hostIsIp ? null : config.host;
  const ids = config.hostSniOnly ? TLS_VARIANT_IDS.filter((id) => id === 'sni-host') : TLS_VARIANT_IDS;
  const sweep = config.hostSniOnly ? [] : VERSION_SWEEP;
  const plans: VariantPlan[] = ids.map((id) => ({
    id,
    ...VARIANT_PLANS[id](hostSni, config.controlSni),
  }));
  const variants: TlsVariant[] = plans.map((p) => ({
    id: p.id,
    sni: p.sni,
    splitHello: p.splitHello,
    attempts: [],
    okCount: 0,
    total: 0,
  }));
  const { plan: attemptPlan, firstRounds } = initialPlan(config.attemptMode, config.attempts);
  const section: ProbeTls = {
    status: 'timeout',
    address: config.address,
    port: config.port,
    variants,
    versions: [],
    attemptPlan,
  };
  const run = pool(TLS_CONCURRENCY);
  const contexts = new TlsContexts(config.ca);
  const asSent = contexts.get({ trust: 'as-sent' });
  const base = {
    address: config.address,
    port: config.port,
    timeoutMs: config.timeoutMs,
    signal: config.signal,
  };
  // Once stopped, attempts still queued in the pool never open a connection: the probe goes quiet.
  const attempt = (spec: Omit<TlsAttemptSpec, keyof typeof base>) =>
    run(() =>
      config.signal.aborted
        ? Promise.resolve(notStarted(config.timeoutMs))
        : tlsAttempt({ ...base, ...spec }),
    );

  let resolveFirst: (outcome: TlsAttemptOutcome | null) => void = () => undefined;
  const firstHostHandshake = new Promise<TlsAttemptOutcome | null>((resolve) => (resolveFirst = resolve));
  let chainOffered = false;
  // An attempt copied a chain at its handshake and has not ended yet: its chain is the one offered
  // unless an alert still fails it (a TLS 1.3 refusal comes after the handshake).
  let chainPending = false;
  /**
   * Only the first chain is used: once one is copied, handshakes completing meanwhile need not copy
   * theirs (reading a chain costs ≈ 0.5 ms, and the first wave completes ~20 handshakes together).
   * One per attempt: `keep` is asked at its handshake, `offer` takes its outcome.
   */
  const chainTaker = () => {
    let copied = false;
    return {
      keep: () => {
        if (chainOffered || chainPending) return false;
        chainPending = copied = true;
        return true;
      },
      offer: (outcome: TlsAttemptOutcome) => {
        if (outcome.attempt.ok && outcome.chain && outcome.chain.length > 0) {
          chainOffered = true;
          resolveFirst(outcome);
        }
        if (copied) chainPending = false; // failed after all: the next handshake copies its chain
        return outcome;
      },
    };
  };

  let resolveVerify: (outcome: Promise<TlsAttemptOutcome>) => void = () => undefined;
  const verifyHandshake = new Promise<TlsAttemptOutcome>((resolve) => (resolveVerify = resolve));
  const verifyTask = () => {
    const outcome = attempt({
      servername: hostSni,
      splitHello: false,
      // made when its TCP connection is up (see the order below)
      context: () => contexts.get({ trust: 'roots' }),
      requestOCSP: true,
      keepChain: true,
    });
    resolveVerify(outcome);
    return outcome.then(() => undefined);
  };

  // Every task started, so `done` can wait for those an escalation adds while it waits.
  const pending: Array<Promise<void>> = [];
  const rounds = (from: number, to: number) => {
    for (let n = from; n < to; n++) plans.forEach((_, i) => pending.push(variantTask(i)()));
  };
  const escalate = () => {
    if (attemptPlan.reason !== 'all-consistent') return;
    attemptPlan.reason = 'outcome-differs';
    rounds(firstRounds, config.attempts);
  };

  // After the full count only (an early stop saw no failure: nothing to test), once.
  const escalateIfClose = (): boolean => {
    if (attemptPlan.mode !== 'adaptive' || attemptPlan.reason === 'all-consistent') return false;
    if (attemptPlan.reason === 'close-to-significance' || config.signal.aborted) return false;
    const differential = sniDifferential(variants);
    if (!shouldEscalate(differential.target, differential.others)) return false;
    const to = config.attempts * CLOSE_TO_SIGNIFICANCE_MAX_FACTOR;
    attemptPlan.reason = 'close-to-significance';
    attemptPlan.escalation = { ...differential, to };
    rounds(config.attempts, to);
    return true;
  };

  const record = (variant: TlsVariant, outcome: TlsAttemptOutcome) => {
    if (config.signal.aborted) return; // what the stop itself produced is no measurement
    variant.attempts.push(outcome.attempt);
    variant.total = variant.attempts.length;
    variant.okCount = variant.attempts.filter((a) => a.ok).length;
    if (!outcome.attempt.ok) escalate();
  };
  function variantTask(index: number) {
    return () => {
      const plan = plans[index] as VariantPlan;
      const variant = variants[index] as TlsVariant;
      const chain = chainTaker();
      const keepChain = plan.sni !== null && plan.sni === hostSni ? chain.keep : false;
      return attempt({ servername: plan.sni, splitHello: plan.splitHello, context: asSent, keepChain }).then(
        (o) => record(variant, chain.offer(o)),
      );
    };
  }
  const versionTask =
    ({ version, ciphers }: (typeof VERSION_SWEEP)[number]) =>
    () => {
      const chain = chainTaker();
      return attempt({
        servername: hostSni,
        splitHello: false,
        // TLS 1.2's handshake is plaintext: its tap sees whether the server asks for a client certificate
        readRecords: version === 'TLSv1.2',
        context: contexts.get({
          trust: 'as-sent',
          minVersion: version as SecureVersion,
          maxVersion: version as SecureVersion,
          ...(ciphers ? { ciphers } : {}),
        }),
        keepChain: chain.keep,
      }).then((o) => {
        if (config.signal.aborted) return;
        section.versions.push({ version, attempt: chain.offer(o).attempt });
        // A refused version answers with an alert; a reset, FIN or silence is the path's doing.
        if (SWEEP_ENDS_THAT_ESCALATE.has(o.attempt.end)) escalate();
      });
    };

  // Order: one of each variant first (fast first answers), the sweep, then the rest round-robin.
  const order: Array<() => Promise<void>> = [];
  plans.forEach((_, i) => order.push(variantTask(i)));
  sweep.forEach((v) => order.push(versionTask(v)));
  for (let n = 1; n < firstRounds; n++) plans.forEach((_, i) => order.push(variantTask(i)));
  // The verification handshake is the last of the first wave: its trust store (Node's ~140 bundled
  // roots, which OpenSSL 3 takes ~20 ms to parse the first time in a process) is then built while
  // the server answers the ClientHellos already sent, and the certificate step still answers early.
  order.splice(Math.min(TLS_CONCURRENCY, order.length + 1) - 1, 0, verifyTask);
  pending.push(...order.map((task) => task()));

  const settle = async () => {
    while (pending.length > 0) await Promise.all(pending.splice(0));
  };
  const allSettled = async () => {
    await settle();
    if (escalateIfClose()) await settle();
  };
  const done = allSettled().then(() => {
    resolveFirst(null);
    section.versions.sort(
      (a, b) =>
        VERSION_SWEEP.findIndex((v) => v.version === a.version) -
        VERSION_SWEEP.findIndex((v) => v.version === b.version),
    );
    const all = [...variants.flatMap((v) => v.attempts), ...section.versions.map((v) => v.attempt)];
    section.status = all.some((a) => a.ok)
      ? 'done'
      : all.every((a) => a.end === 'timeout')
        ? 'timeout'
        : 'error';
  });
  return { section, firstHostHandshake, verifyHandshake, done };
}
