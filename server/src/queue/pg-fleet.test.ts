import { describe, expect, it } from 'vitest';
import { queueTimingFor } from './pg-fleet';

describe('queue timing from the probe budget', () => {
  it('presumes a job dead only after its whole budget, and looks for dead jobs within 1-15 s', () => {
    for (const budgetMs of [1000, 6000, 30_000, 600_000]) {
      const { expireInSeconds, maintenanceIntervalSeconds } = queueTimingFor(budgetMs);
      // A probe returns by its budget; storing the report needs a few seconds more at most.
      expect(expireInSeconds * 1000).toBeGreaterThanOrEqual(budgetMs + 5000);
      expect(maintenanceIntervalSeconds).toBeGreaterThanOrEqual(1);
      expect(maintenanceIntervalSeconds).toBeLessThanOrEqual(15);
    }
    // The default 30 s budget: a killed worker's job is rerun within about a minute.
    expect(queueTimingFor(30_000)).toEqual({ expireInSeconds: 50, maintenanceIntervalSeconds: 13 });
  });
});
