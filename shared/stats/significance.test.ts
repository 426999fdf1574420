import { describe, expect, it } from 'vitest';
import { closeToSignificance, DIFFERENTIAL_ALPHA } from './significance';

describe('close to significance', () => {
  it('holds from the level (not significant there: the rules need p below it) up to ten times it', () => {
    expect(closeToSignificance(DIFFERENTIAL_ALPHA)).toBe(true);
    expect(closeToSignificance(DIFFERENTIAL_ALPHA * 9.99)).toBe(true);
    expect(closeToSignificance(DIFFERENTIAL_ALPHA * 10)).toBe(false);
    expect(closeToSignificance(DIFFERENTIAL_ALPHA * 0.99)).toBe(false);
    expect(closeToSignificance(1)).toBe(false);
  });

  it('follows the level it is given', () => {
    expect(closeToSignificance(0.3, 0.05)).toBe(true);
    expect(closeToSignificance(0.3, 0.02)).toBe(false);
  });
});
