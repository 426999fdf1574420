import { describe, expect, it } from 'vitest';
import { prefersMinimalReturn } from './prefer';

describe('Prefer: return=minimal (RFC 7240)', () => {
  it('is read in the spellings the RFC allows', () => {
    for (const header of [
      'return=minimal',
      'Return=Minimal',
      ' return = minimal ',
      'return="minimal"',
      'respond-async, return=minimal',
      'return=minimal; foo=bar',
      ['wait=10', 'return=minimal'],
    ]) {
      expect(prefersMinimalReturn(header), JSON.stringify(header)).toBe(true);
    }
  });

  it('is not read from other preferences, other values or no header', () => {
    for (const header of [
      undefined,
      '',
      'return=representation',
      'respond-async',
      'return',
      'minimal',
      'x-return=minimal',
      'return=minimalist',
      'handling=lenient; return=minimal',
    ]) {
      expect(prefersMinimalReturn(header), JSON.stringify(header)).toBe(false);
    }
  });

  it('takes the first return preference when it repeats', () => {
    expect(prefersMinimalReturn('return=representation, return=minimal')).toBe(false);
    expect(prefersMinimalReturn(['return=minimal', 'return=representation'])).toBe(true);
  });
});
