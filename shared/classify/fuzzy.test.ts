import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearestWord, withinOneEdit } from './fuzzy';

describe('editDistance (optimal string alignment, capped)', () => {
  it.each([
    ['domain', 'domain', 0],
    ['doain', 'domain', 1],
    ['domian', 'domain', 1],
    ['interupted', 'interrupted', 1],
    ['expierd', 'expired', 1],
    ['refued', 'reused', 2],
    ['reset', 'refused', 3],
  ] as const)('%s → %s is %i (capped at 2)', (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
  });

  it('equals the full optimal-string-alignment table, capped', () => {
    const full = (a: string, b: string): number => {
      const d: number[][] = [];
      for (let i = 0; i <= a.length; i++) {
        const row: number[] = [];
        for (let j = 0; j <= b.length; j++) {
          if (i === 0 || j === 0) row.push(i + j);
          else {
            let v = Math.min(
              (d[i - 1]?.[j] ?? 0) + 1,
              (row[j - 1] ?? 0) + 1,
              (d[i - 1]?.[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
              v = Math.min(v, (d[i - 2]?.[j - 2] ?? 0) + 1);
            row.push(v);
          }
        }
        d.push(row);
      }
      return d[a.length]?.[b.length] ?? 0;
    };
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 9 });
    fc.assert(
      fc.property(letters, letters, fc.integer({ min: 1, max: 3 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(full(a, b), max + 1));
      }),
      { numRuns: 5000 },
    );
  });

  it('is symmetric and never above the cap + 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 2);
        expect(d).toBe(editDistance(b, a, 2));
        expect(d).toBeLessThanOrEqual(3);
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});

describe('nearestWord', () => {
  const vocabulary = new Set(['domain', 'interrupted', 'refused', 'reused', 'closed', 'close', 'reset']);

  it('reads a long word with one typo as that word', () => {
    expect(nearestWord('doain', vocabulary)).toBe('domain');
    expect(nearestWord('interupted', vocabulary)).toBe('interrupted');
    expect(nearestWord('refuesd', vocabulary)).toBe('refused');
  });

  it('reads a vocabulary word as itself, never as its neighbour', () => {
    expect(nearestWord('reused', vocabulary)).toBe('reused');
    expect(nearestWord('close', vocabulary)).toBe('close');
  });

  it('leaves short, numeric, far and ambiguous tokens alone', () => {
    expect(nearestWord('rest', vocabulary)).toBeUndefined(); // short: `reset` is 5 letters
    expect(nearestWord('resett', vocabulary)).toBeUndefined(); // `reset` is too short to reach
    expect(nearestWord('doma1n', vocabulary)).toBeUndefined(); // a digit
    expect(nearestWord('dominion', vocabulary)).toBeUndefined(); // two edits
    expect(nearestWord('closes', vocabulary)).toBeUndefined(); // as near `close` as `closed`
    expect(nearestWord('refsed', new Set(['refused', 'reused']))).toBeUndefined(); // one from both
  });

  it('allows two slips only from the given length on, and only with one nearest word', () => {
    const names = new Set([
      'CERT_DATE_INVALID',
      'CERT_COMMON_NAME_INVALID',
      'SSL_PROTOCOL_ERROR',
      'WS_PROTOCOL_ERROR',
    ]);
    expect(nearestWord('CERT_DATE_INVLD', names)).toBeUndefined();
    expect(nearestWord('CERT_DATE_INVLD', names, 12)).toBe('CERT_DATE_INVALID');
    expect(nearestWord('WSL_PROTOCOL_ERROR', names, 12)).toBeUndefined(); // 1 from SSL_, 1 from WS_
  });
});

describe('withinOneEdit', () => {
  it('agrees with editDistance ≤ 1 on every pair', () => {
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(editDistance(a, b, 1) <= 1);
      }),
      { numRuns: 5000 },
    );
  });
});
