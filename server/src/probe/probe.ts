/**
 * The outside probe: everything a server can see of a URL, as a raw `wxprobe.probe/1` observation.
 * It measures and only measures — causes are shared/diagnose's job.
 *
 * Order: URL facts → DNS (undici starts loading meanwhile) → address policy → TCP (all checked
 * addresses at once; the first that connects is pinned) → then, concurrently and only ever to the
 * pinned address: TLS variants + version sweep, certificate (+ AIA), HTTP (+ redirects, each new host
 * checked and pinned in turn), and the plain-HTTP block-page check. When the policy leaves a single
 * address there is nothing to pin by, so TLS/certificate/HTTP start together with the TCP step and
 * count only if it connects. A global budget always returns an observation, partial if need be, with
 * `steps` saying what did not finish.
 *
 * Stopping (the budget, or the caller's `signal`, e.g. Ctrl-C): the observation is copied at the very
 * moment of the abort, before any socket or timer reacts to it, so it holds exactly what was measured
 * until then and nothing the abort itself produced. Then every step stops: sockets are destroyed,
 * timers cleared, queued TLS attempts never start. An interrupted observation says so (`interrupted.steps`)
 * and its unfinished steps are `skipped` (not `timeout`: nothing timed out).
 */
import { setMaxListeners } from 'node:events';
import type {
  AddressResult,
  ProbeObservation,
  ProbeError,
  ProbePolicy,
} from '../../../shared/observations/probe';
import { PROBE_SCHEMA_ID } from '../../../shared/observations/probe';
import type { ProbeProgress } from '../../../shared/observations/progress';
import { PROBE_ERROR_CODES, type ProbeStep } from '../../../shared/observations/vocabulary';
import { checkAddress, type PolicyOptions } from '../target-policy/policy';
import { addressEntry, checkOtherAddress, withPrimarySections } from './address-check';
import { checkCertificate } from './certificate-check';
import { DEFAULT_PROBE_OPTIONS, type ProbeOptions } from '../probe-options/options';
import { lookupHost, type DnsConfig } from './dns-lookup';
import { checkHttp } from './http-check';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_STEP_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  MAX_ADDRESSES_PER_NAME,
  MAX_ATTEMPTS,
} from './limits';
import { checkPort80 } from './port80-check';
import { probeError } from './raw-error';
import { recordedOptions } from './recorded-options';
import { StepTracker, type ProbeOutcome } from './steps';
import { tcpConnect, type TcpResult } from './tcp-connect';
import { startTlsRun } from './tls-run';
import { urlFacts } from './url-facts';
import { wechatHeaders } from './wechat-headers';

export type { ProbeProgress } from '../../../shared/observations/progress';

// The options' one declaration lives in probe-options (shared by the CLI, the server and the API).
export { DEFAULT_PROBE_OPTIONS, type ProbeOptions } from '../probe-options/options';

const AFTER_PIN: ProbeStep[] = ['tls', 'certificate', 'http', 'port80'];
const AFTER_DNS: ProbeStep[] = ['policy', 'tcp', ...AFTER_PIN];

function normalise(options: Partial<ProbeOptions>): ProbeOptions {
  const merged = { ...DEFAULT_PROBE_OPTIONS, ...options };
  const positive = (value: number, fallback: number) =>
    Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
  return {
    ...merged,
    attempts: Math.min(MAX_ATTEMPTS, positive(merged.attempts, DEFAULT_ATTEMPTS)),
    timeoutMs: positive(merged.timeoutMs, DEFAULT_STEP_TIMEOUT_MS),
    totalTimeoutMs: positive(merged.totalTimeoutMs, DEFAULT_TOTAL_TIMEOUT_MS),
    method: merged.method.toUpperCase(),
  };
}

function emptyObservation(url: string, options: ProbeOptions): ProbeObservation {
  return {
    schema: PROBE_SCHEMA_ID,
    url,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    options: recordedOptions(options),
    steps: {},
    target: urlFacts(url),
    dns: null,
    policy: null,
    tcp: null,
    tls: null,
    certificate: null,
    http: null,
    port80: null,
  };
}

type Context = {
  obs: ProbeObservation;
  options: ProbeOptions;
  steps: StepTracker;
  signal: AbortSignal;
  dns: DnsConfig;
  policyOptions: PolicyOptions;
  /** host (lowercase) → the address checked and pinned for it */
  pins: Map<string, string>;
  /** one entry per checked address when the name has several; null with a single one */
  perAddress: { entries: AddressResult[] | null };
};

/** Resolves and policy-checks a host seen later (redirect, AIA); reuses the pin of a known host. */
async function pinHost(
  ctx: Context,
  url: URL,
): Promise<{ address: string } | { error: ProbeError; refused: boolean }> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const known = ctx.pins.get(host);
  if (known) return { address: known };
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const dns = await lookupHost(host, port, ctx.dns);
  const first = dns.errors[0];
  if (dns.answers.length === 0) {
    return {
      error: first
        ? { code: first.code, syscall: 'query', message: first.message }
        : probeError('ENODATA', `no address for ${host}`),
      refused: false,
    };
  }
  const checks = dns.answers
    .slice(0, MAX_ADDRESSES_PER_NAME)
    .map((a) => checkAddress(a.address, ctx.policyOptions));
  ctx.obs.policy?.checks.push(...checks);
  const allowed = checks.find((c) => c.allowed);
  if (!allowed) {
    const reasons = checks.map((c) => `${c.address} ${c.reason ?? ''}`).join('; ');
    return { error: probeError(PROBE_ERROR_CODES.refused, `${host}: ${reasons}`), refused: true };
  }
  ctx.pins.set(host, allowed.address);
  return { address: allowed.address };
}

/** TCP to every checked address at once; the first in answer order that connects is pinned. */
async function connectAndPin(
  ctx: Context,
  addresses: string[],
  port: number,
): Promise<{ pinned: string | null; all: Promise<TcpResult[]> }> {
  const results: TcpResult[] = [];
  ctx.obs.tcp = { status: 'timeout', results };
  const pending = addresses.map((address) => tcpConnect(address, port, ctx.options.timeoutMs, ctx.signal));
  pending.forEach((p) => p.then((r) => results.push(r)));
  const all = Promise.all(pending).then((list) => {
    if (ctx.obs.tcp)
      ctx.obs.tcp.status = list.some((r) => r.ok)
        ? 'done'
        : list.every((r) => r.error?.code === PROBE_ERROR_CODES.timeout)
          ? 'timeout'
          : 'error';
    ctx.steps.end('tcp', ctx.obs.tcp?.status ?? 'error');
    return list;
  });
  for (const p of pending) {
    const result = await p;
    if (result.ok) return { pinned: result.address, all };
  }
  await all;
  return { pinned: null, all };
}

async function run(ctx: Context): Promise<void> {
  const { obs, options, steps } = ctx;
  const target = obs.target;
  steps.start('target');
  if (target.error !== null) {
    steps.end('target', 'error', { note: 'bad-url', detail: target.error });
    steps.endAll(['dns', ...AFTER_DNS], 'skipped', { note: 'bad-url' });
    return;
  }
  steps.end('target', 'done');

  steps.start('dns');
  const dns = await lookupHost(target.host, target.port, ctx.dns);
  if (ctx.signal.aborted) return;
  obs.dns = dns;
  steps.end('dns', dns.status);
  if (dns.answers.length === 0) return steps.endAll(AFTER_DNS, 'skipped', { note: 'no-address' });

  steps.start('policy');
  const checks = dns.answers.map((a) => checkAddress(a.address, ctx.policyOptions));
  const policy: ProbePolicy = {
    enforced: !options.allowPrivate,
    allowCidrs: options.allowCidrs,
    checks,
    pinned: null,
  };
  obs.policy = policy;
  const allowed = checks
    .filter((c) => c.allowed)
    .map((c) => c.address)
    .slice(0, MAX_ADDRESSES_PER_NAME);
  if (allowed.length === 0) {
    steps.end('policy', 'refused', {
      note: 'policy-refused',
      detail: checks.map((c) => c.reason).join('; '),
    });
    return steps.endAll(['tcp', ...AFTER_PIN], 'refused', { note: 'policy-refused' });
  }
  steps.end('policy', 'done');

  steps.start('tcp');
  const tcp = connectAndPin(ctx, allowed, target.port);
  // One checked address leaves nothing to choose: TLS and HTTP start together with the TCP step
  // instead of one round-trip after it. What they measure counts only once TCP has connected; if it
  // does not, they are stopped and skipped, exactly as if they had never started.
  const single = allowed.length === 1 ? (allowed[0] as string) : null;
  if (single !== null) ctx.pins.set(target.host.toLowerCase(), single);
  const early =
    single === null
      ? null
      : startOverPin(
          ctx,
          single,
          tcp.then((r) => r.pinned !== null),
        );
  const { pinned, all: tcpDone } = await tcp;
  if (ctx.signal.aborted) return;
  // With no TCP success the block-page check still gets an address: port 80 is another port.
  const address = pinned ?? (allowed[0] as string);
  policy.pinned = address;
  ctx.pins.set(target.host.toLowerCase(), address);
  const work: Array<Promise<unknown>> = [runPort80(ctx, address)];
  work.push(allowed.length > 1 ? tcpDone.then((list) => checkEveryAddress(ctx, list, pinned)) : tcpDone);
  if (early) work.push(early);
  else if (pinned !== null) work.push(startOverPin(ctx, address, Promise.resolve(true)));
  else steps.endAll(['tls', 'certificate', 'http'], 'skipped', { note: 'no-tcp' });
  await Promise.all(work);
}

/**
 * The name has several checked addresses: each further one is measured on its own (SNI = host TLS,
 * certificate, one HTTP request), all in parallel; the pinned one is summarised from the top-level
 * sections when the observation closes.
 */
function checkEveryAddress(ctx: Context, list: TcpResult[], pinned: string | null): Promise<unknown> {
  const { obs, options, signal } = ctx;
  const target = obs.target;
  const entries = list.map((tcp) => addressEntry(tcp, tcp.address === pinned));
  ctx.perAddress.entries = entries;
  const wantsHttp = target.scheme === 'https' || target.scheme === 'http';
  const config = {
    host: target.host,
    hostIsIp: target.hostKind === 'ipv4' || target.hostKind === 'ipv6',
    port: target.port,
    httpUrl: wantsHttp ? new URL(target.input.trim()) : null,
    secure: target.scheme === 'https' || target.scheme === 'wss',
    controlSni: options.controlSni,
    attempts: options.attempts,
    attemptMode: options.attemptMode,
    method: options.method,
    headers: wechatHeaders(options.headers),
    ca: options.ca,
    timeoutMs: options.timeoutMs,
    signal,
    pinHost: (url: URL) => pinHost(ctx, url),
  };
  return Promise.all(entries.filter((e) => !e.primary).map((e) => checkOtherAddress(e, config)));
}

/** Step 9, the plain-HTTP block-page check: another port, so it runs whatever TCP said. */
function runPort80(ctx: Context, address: string): Promise<void> {
  const { obs, options, steps, signal } = ctx;
  const target = obs.target;
  steps.start('port80');
  return checkPort80({
    host: target.host,
    hostIsIpv6: target.hostKind === 'ipv6',
    port: options.httpPort,
    path: target.path,
    address,
    headers: wechatHeaders(options.headers),
    timeoutMs: options.timeoutMs,
    signal,
  }).then((port80) => {
    obs.port80 = port80;
    steps.end('port80', port80.status);
  });
}

/**
 * Steps 5–8 over the pinned address: HTTP, the TLS run and the certificate. They start at once;
 * their sections join the observation (and their progress is reported) only when `connected` says
 * TCP reached the address — otherwise they are stopped and recorded as skipped.
 */
function startOverPin(ctx: Context, address: string, connected: Promise<boolean>): Promise<unknown> {
  const { obs, options, steps } = ctx;
  const target = obs.target;
  const secure = target.scheme === 'https' || target.scheme === 'wss';
  const wantsHttp = target.scheme === 'https' || target.scheme === 'http';
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const stopAll = () => stop.abort();
  ctx.signal.addEventListener('abort', stopAll, { once: true });
  const signal = stop.signal;
  /** Runs `record` with the step's result once TCP has connected; never if it did not. */
  const keep = <T>(pending: Promise<T>, record: (value: T) => void) =>
    Promise.all([pending, connected]).then(([value, ok]) => {
      if (ok) record(value);
    });
  const work: Array<Promise<unknown>> = [];

  // The plain request first: one connection, and the TLS run then fills the time.
  if (wantsHttp) {
    const http: NonNullable<ProbeObservation['http']> = {
      status: 'timeout',
      method: options.method,
      timeoutMs: options.timeoutMs,
      hops: [],
    };
    const url = new URL(target.input.trim());
    const pending = checkHttp(
      {
        url,
        method: options.method,
        headers: wechatHeaders(options.headers),
        timeoutMs: options.timeoutMs,
        signal,
        pin: (u) => pinHost(ctx, u),
      },
      http,
    );
    work.push(keep(pending, () => steps.end('http', http.status)));
    void connected.then((ok) => {
      if (!ok) return;
      steps.start('http');
      obs.http = http;
    });
  }

  if (secure) {
    const tls = startTlsRun({
      address,
      port: target.port,
      host: target.host,
      hostIsIp: target.hostKind === 'ipv4' || target.hostKind === 'ipv6',
      controlSni: options.controlSni,
      attempts: options.attempts,
      attemptMode: options.attemptMode,
      timeoutMs: options.timeoutMs,
      ca: options.ca,
      signal,
    });
    const certificate = checkCertificate(tls.verifyHandshake, tls.firstHostHandshake, {
      host: target.host,
      address,
      port: target.port,
      ca: options.ca,
      timeoutMs: options.timeoutMs,
      signal,
      resolveAddress: (url) => pinHost(ctx, url),
    });
    work.push(keep(tls.done, () => steps.end('tls', tls.section.status)));
    work.push(
      keep(certificate, (result) => {
        obs.certificate = result;
        steps.end('certificate', result.status);
      }),
    );
    void connected.then((ok) => {
      if (!ok) return;
      steps.start('tls');
      obs.tls = tls.section;
      steps.start('certificate');
    });
  }

  void connected.then((ok) => {
    if (ok) {
      if (!secure) steps.endAll(['tls', 'certificate'], 'skipped', { note: 'not-tls' });
      if (!wantsHttp) steps.end('http', 'skipped', { note: 'not-http' });
      return;
    }
    stop.abort();
    steps.endAll(['tls', 'certificate', 'http'], 'skipped', { note: 'no-tcp' });
  });
  return Promise.all(work).finally(() => ctx.signal.removeEventListener('abort', stopAll));
}

/** Sections of steps that did not finish say so themselves too. */
function markUnfinished(obs: ProbeObservation, unfinished: ProbeStep[], status: 'timeout' | 'skipped'): void {
  for (const step of unfinished) {
    const section = step === 'target' || step === 'policy' ? null : obs[step];
    if (section && typeof section === 'object' && 'status' in section) section.status = status;
  }
}

export async function probeTarget(
  url: string,
  options: Partial<ProbeOptions> = {},
  onProgress: (e: ProbeProgress) => void = () => undefined,
): Promise<ProbeObservation> {
  const opts = normalise(options);
  const started = performance.now();
  const obs = emptyObservation(url, opts);
  const steps = new StepTracker(obs.steps, onProgress);
  const controller = new AbortController();
  // every socket in flight listens for the stop
  setMaxListeners(0, controller.signal);

  const perAddress: Context['perAddress'] = { entries: null };
  /** The observation as it stands, books closed: what the caller gets. Taken once. */
  let result: ProbeObservation | null = null;
  const close = (outcome: ProbeOutcome): ProbeObservation => {
    if (result) return result;
    const unfinished = steps.finish(outcome);
    obs.durationMs = Math.round((performance.now() - started) * 10) / 10;
    if (perAddress.entries)
      obs.addresses = perAddress.entries.map((entry) => withPrimarySections(entry, obs));
    const snapshot = structuredClone(obs);
    if (outcome === 'interrupted') snapshot.interrupted = { steps: unfinished };
    markUnfinished(snapshot, unfinished, outcome === 'interrupted' ? 'skipped' : 'timeout');
    result = snapshot;
    return snapshot;
  };
  let stopReason: 'budget' | 'interrupted' = 'budget';
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  // The first listener on the signal: it runs before any socket or timer sees the abort, so nothing
  // the abort itself produces ("no answer (probe stopped)") gets into what is returned.
  controller.signal.addEventListener(
    'abort',
    () => {
      close(stopReason);
      resolveStopped();
    },
    { once: true },
  );
  const interrupt = () => {
    stopReason = 'interrupted';
    controller.abort();
  };
  opts.signal?.addEventListener('abort', interrupt, { once: true });
  if (opts.signal?.aborted) interrupt();
  const budget = setTimeout(() => controller.abort(), opts.totalTimeoutMs);
  const ctx: Context = {
    obs,
    options: opts,
    steps,
    signal: controller.signal,
    dns: {
      dnsServer: opts.dnsServer,
      resolve: opts.resolve,
      timeoutMs: opts.timeoutMs,
      signal: controller.signal,
    },
    policyOptions: { allowPrivate: opts.allowPrivate, allowCidrs: opts.allowCidrs },
    pins: new Map(),
    perAddress,
  };
  try {
    if (!controller.signal.aborted) await Promise.race([run(ctx), stopped]);
  } catch (error) {
    // a bug, not a measurement: stop everything in flight so nothing keeps the process alive
    controller.abort();
    throw error;
  } finally {
    clearTimeout(budget);
    opts.signal?.removeEventListener('abort', interrupt);
  }
  const observation = close('finished');
  // Stops whatever is still in flight (sockets, timers): nothing lingers after we return.
  controller.abort();
  return observation;
}
