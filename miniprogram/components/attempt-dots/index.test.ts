// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, settle } from '../../test/simulate';

describe('attempt-dots', () => {
  it('draws one dot per attempt, coloured by its state', async () => {
    const dots = render('components/attempt-dots/index', { dots: ['ok', 'fail', 'http', 'pending', 'ok'] });
    await settle();
    expect(dots.querySelectorAll('.dot')).toHaveLength(5);
    expect(dots.querySelectorAll('.dot-ok')).toHaveLength(2);
    expect(dots.querySelectorAll('.dot-fail')).toHaveLength(1);
    expect(dots.querySelectorAll('.dot-http')).toHaveLength(1);
    expect(dots.querySelectorAll('.dot-pending')).toHaveLength(1);
  });

  it('follows new states as the parent sets them', async () => {
    const dots = render('components/attempt-dots/index', { dots: ['pending', 'pending'] });
    dots.setData({ dots: ['ok', 'fail'] });
    await settle();
    expect(dots.querySelectorAll('.dot-pending')).toHaveLength(0);
    expect(dots.querySelectorAll('.dot-ok')).toHaveLength(1);
  });
});
