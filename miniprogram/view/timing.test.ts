import { describe, expect, it } from 'vitest';
import { realisticProfile } from '../test/fake-wx';
import { timingSegments } from './timing';

describe('timingSegments', () => {
  it('splits a fresh TLS connection into DNS, TCP, TLS, first byte and download', () => {
    const segments = timingSegments(realisticProfile(1000), 'zh');
    expect(segments.map((s) => [s.name, s.label, s.ms])).toEqual([
      ['dns', 'DNS', 20],
      ['tcp', 'TCP', 24],
      ['tls', 'TLS', 45],
      ['ttfb', '首字节', 59],
      ['download', '下载', 5],
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
    expect(timingSegments(reused as never, 'zh').map((s) => s.name)).toEqual(['ttfb', 'download']);
  });

  it('no profile, no bar', () => {
    expect(timingSegments(undefined, 'zh')).toEqual([]);
    expect(timingSegments({}, 'zh')).toEqual([]);
  });
});
