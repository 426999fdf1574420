/**
 * How long a client refused a probe slot should wait: the time until the soonest running probe is
 * expected to end. A probe has two budgets. Its step timeout bounds each step, and the steps after
 * DNS run side by side, so a probe that is not stuck on a silent target is done within about one
 * step timeout (5 s by default). Its total budget (30 s by default) is when it returns at the
 * latest, whatever the target does. So a probe is expected at start + step timeout; one that has
 * run past that, within another step timeout; and never later than its total budget.
 */

export type SlotBudget = {
  startedAt: number;
  /** The probe's step timeout (ms). */
  stepMs: number;
  /** When its total budget runs out (ms since epoch): it has returned by then. */
  deadline: number;
};

function expectedEnd(slot: SlotBudget, now: number): number {
  const soft = slot.startedAt + slot.stepMs;
  return Math.min(slot.deadline, soft > now ? soft : now + slot.stepMs);
}

/** Whole seconds, at least 1; 1 when nothing runs (the slot is free by the time the client retries). */
export function retryAfterSeconds(slots: Iterable<SlotBudget>, now: number): number {
  let soonest = Infinity;
  for (const slot of slots) soonest = Math.min(soonest, expectedEnd(slot, now));
  if (!Number.isFinite(soonest)) return 1;
  return Math.max(1, Math.ceil((soonest - now) / 1000));
}
