/**
 * Runs outside probes under a bound: at most `maxConcurrent` at once, the next caller is refused at
 * once (503 + Retry-After, from the running probes' budgets: retry-after.ts) rather than queued
 * behind strangers' slow targets. Operator settings (allow CIDRs, CA, DNS server) are merged into
 * every call here, so no route can forget them.
 */
import type { ProbeObservation } from '../../../shared/observations/probe';
import type { ProbeProgress } from '../../../shared/observations/progress';
import { ApiError } from '../errors';
import type { ServerProbeOptions } from '../probe-options/options';
import { retryAfterSeconds, type SlotBudget } from './retry-after';

/** The subset of the probe's options the server sets (declared with the options themselves). */
export type { ServerProbeOptions };

export type ProbeFn = (
  url: string,
  options?: ServerProbeOptions,
  onProgress?: (event: ProbeProgress) => void,
) => Promise<ProbeObservation>;

export type ProbeSlot = SlotBudget & { readonly controller: AbortController };

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

  /** A probe's whole budget, every step included. */
  get totalTimeoutMs(): number {
    return this.options.totalTimeoutMs;
  }

  get maxConcurrent(): number {
    return this.options.maxConcurrent;
  }

  /** Seconds until a slot is expected to free up (retry-after.ts). */
  retryAfterSeconds(): number {
    return retryAfterSeconds(this.running, this.now());
  }

  /**
   * Takes a slot now, synchronously, or refuses with `probes-busy`. `requested` is the probe's own
   * options: its step timeout is part of its budget.
   */
  acquire(requested: ServerProbeOptions = {}): ProbeSlot {
    if (this.running.size >= this.options.maxConcurrent) {
      throw new ApiError('probes-busy', { retryAfterSeconds: this.retryAfterSeconds() });
    }
    const startedAt = this.now();
    const total = this.options.totalTimeoutMs;
    const slot: ProbeSlot = {
      startedAt,
      stepMs: Math.min(requested.timeoutMs ?? total, total),
      deadline: startedAt + total,
      controller: new AbortController(),
    };
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
    return this.runInSlot(this.acquire(requested), url, requested, onProgress);
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

/** Probe options as job data: JSON values only (no AbortSignal; undefined members dropped). */
export function jsonSafeOptions(options: ServerProbeOptions): Record<string, unknown> {
  const { signal: _signal, ...rest } = options;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
