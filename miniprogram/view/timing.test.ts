import { describe, expect, it } from 'vitest';
import { realisticProfile } from '../test/fake-wx';
import { timingSegments } from './timing';

describe('timingSegments', () => {
  it('splits a fresh TLS connection into DNS, TCP, TLS, first byte and download', () => {
    const segments = timingSegments(realisticProfile(1000));
    expect(segments.map((s) => [s.name, s.ms])).toEqual([
      ['dns', 20],
      ['tcp', 24],
      ['tls', 45],
      ['ttfb', 59],
      ['download', 5],
    ]);
    expect(segments.every((s) => s.widthPct > 0)).toBe(true);
  });

  it('leaves out what a reused connection did not do', () => {
    const p = realisticProfile(1000);
    const reused = {
      ...p,
      domainLookUpEnd: p.domainLookUpStart,
      connectStart: 0,
      connectEnd: 0,
      SSLconnectionStart: 0,
      SSLconnectionEnd: 0,
    };
    expect(timingSegments(reused as never).map((s) => s.name)).toEqual(['ttfb', 'download']);
  });

  it('no profile, no bar', () => {
    expect(timingSegments(undefined)).toEqual([]);
    expect(timingSegments({})).toEqual([]);
  });
});
