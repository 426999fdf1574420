/**
 * Runs outside probes under a bound: at most `maxConcurrent` at once, the next caller is refused at
 * once (503 + Retry-After, computed from when the oldest running probe must end) rather than queued
 * behind strangers' slow targets. Operator settings (allow CIDRs, CA, DNS server) are merged into
 * every call here, so no route can forget them.
 */
import type { ProbeObservation } from '../../../shared/observations/probe';
import { ApiError } from '../errors';

/** What the probe reports while it runs (server/src/probe's onProgress). */
export type ProbeProgress = {
  step: string;
  status: 'start' | 'done' | 'error' | 'timeout' | 'refused' | 'skipped';
  detail?: string;
};

/** The subset of the probe's options the server sets. */
export type ServerProbeOptions = {
  attempts?: number;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  controlSni?: string;
  httpPort?: number;
  dnsServer?: string | null;
  ca?: string[];
  allowPrivate?: boolean;
  allowCidrs?: string[];
  signal?: AbortSignal;
};

export type ProbeFn = (
  url: string,
  options?: ServerProbeOptions,
  onProgress?: (event: ProbeProgress) => void,
) => Promise<ProbeObservation>;

export type ProbeSlot = { readonly startedAt: number; readonly controller: AbortController };

export class ProbeRunner {
  private readonly running = new Set<ProbeSlot>();
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    private readonly options: {
      maxConcurrent: number;
      probe: ProbeFn;
      /** Operator settings merged under each request's options. */
      baseOptions: ServerProbeOptions;
      totalTimeoutMs: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  get runningCount(): number {
    return this.running.size;
  }

  get maxConcurrent(): number {
    return this.options.maxConcurrent;
  }

  /** Seconds until a slot frees up at the latest: the oldest probe's remaining time budget. */
  retryAfterSeconds(): number {
    let earliestEnd = Infinity;
    for (const slot of this.running) {
      earliestEnd = Math.min(earliestEnd, slot.startedAt + this.options.totalTimeoutMs);
    }
    if (!Number.isFinite(earliestEnd)) return 1;
    return Math.max(1, Math.ceil((earliestEnd - this.now()) / 1000));
  }

  /** Takes a slot now, synchronously, or refuses with `probes-busy`. */
  acquire(): ProbeSlot {
    if (this.running.size >= this.options.maxConcurrent) {
      throw new ApiError('probes-busy', { retryAfterSeconds: this.retryAfterSeconds() });
    }
    const slot: ProbeSlot = { startedAt: this.now(), controller: new AbortController() };
    this.running.add(slot);
    return slot;
  }

  /** Runs the probe in an acquired slot and frees the slot however it ends. */
  async runInSlot(
    slot: ProbeSlot,
    url: string,
    requested: ServerProbeOptions,
    onProgress?: (event: ProbeProgress) => void,
  ): Promise<ProbeObservation> {
    try {
      const merged: ServerProbeOptions = {
        ...this.options.baseOptions,
        ...requested,
        totalTimeoutMs: this.options.totalTimeoutMs,
        signal: slot.controller.signal,
      };
      return await this.options.probe(url, withoutUndefined(merged), (event) => {
        try {
          onProgress?.(event);
        } catch {
          // A broken progress listener must not break the measurement.
        }
      });
    } finally {
      this.running.delete(slot);
      if (this.running.size === 0) for (const wake of this.idleWaiters) wake();
    }
  }

  async run(
    url: string,
    requested: ServerProbeOptions,
    onProgress?: (event: ProbeProgress) => void,
  ): Promise<ProbeObservation> {
    return this.runInSlot(this.acquire(), url, requested, onProgress);
  }

  /** Aborts every running probe (server shutdown) and waits, up to `waitMs`, for them to return. */
  async close(waitMs = 5000): Promise<void> {
    for (const slot of this.running) slot.controller.abort();
    if (this.running.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idleWaiters.add(done);
    });
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
