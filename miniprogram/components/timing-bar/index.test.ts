// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { realisticProfile } from '../../test/fake-wx';
import { render, settle, texts } from '../../test/simulate';
import { timingSegments } from '../../view/timing';

describe('timing-bar', () => {
  it('draws DNS / TCP / TLS / first byte / download with their durations and names', async () => {
    const bar = render('components/timing-bar/index', {
      segments: timingSegments(realisticProfile(1000), 'zh'),
    });
    await settle();
    expect(bar.querySelectorAll('.seg')).toHaveLength(5);
    expect(texts(bar, '.legend-item')).toEqual([
      'DNS 20 ms',
      'TCP 24 ms',
      'TLS 45 ms',
      '首字节 59 ms',
      '下载 5 ms',
    ]);
  });

  it('shows the names the segments carry: English segments, English legend', async () => {
    const bar = render('components/timing-bar/index', {
      segments: timingSegments(realisticProfile(1000), 'en'),
    });
    await settle();
    expect(texts(bar, '.legend-item')).toContain('First byte 59 ms');
  });

  it('draws nothing without timings', async () => {
    const bar = render('components/timing-bar/index', { segments: [] });
    await settle();
    expect(bar.querySelectorAll('.timing')).toHaveLength(0);
  });
});
