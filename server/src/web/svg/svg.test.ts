import { describe, expect, it } from 'vitest';
import { ratioBarsSvg } from './ratio-bars';
import { waterfallSvg } from './waterfall';

function widths(svg: string, cls: string): number[] {
  return [...svg.matchAll(new RegExp(`class="${cls}"[^>]*width="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));
}

describe('ratio bars', () => {
  it('splits each bar by the share of successful attempts', () => {
    const svg = ratioBarsSvg(
      [
        { label: 'SNI', ok: 1, total: 10 },
        { label: 'no SNI', ok: 10, total: 10 },
      ],
      't',
    );
    const ok = widths(svg, 'rb-ok');
    const fail = widths(svg, 'rb-fail');
    expect(ok).toHaveLength(2);
    expect(ok[1]! / ok[0]!).toBeCloseTo(10, 5);
    expect(fail).toHaveLength(1); // the 10/10 row has no red part
    expect(svg).toContain('1/10');
    expect(svg).toContain('10/10');
  });
  it('escapes labels', () => {
    expect(ratioBarsSvg([{ label: '<b>', ok: 0, total: 0 }], '"t"')).not.toContain('<b>');
  });
});

describe('waterfall', () => {
  it('places bars in time order and scales them to the longest end', () => {
    const svg = waterfallSvg(
      [
        { label: 'DNS', startMs: 0, durationMs: 10, state: 'ok' },
        { label: 'TCP', startMs: 10, durationMs: 30, state: 'ok' },
        { label: 'TLS', startMs: 40, durationMs: null, state: 'skipped' },
      ],
      'w',
    );
    const xs = [...svg.matchAll(/class="wf-bar[^"]*" x="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(2);
    expect(xs[1]!).toBeGreaterThan(xs[0]!);
    const w = [...svg.matchAll(/class="wf-bar[^"]*" x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(w[1]! / w[0]!).toBeCloseTo(3, 5);
    expect(svg).toContain('—'); // the phase that never ran
  });
});
