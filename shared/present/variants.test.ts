import { describe, expect, it } from 'vitest';
import type { TlsAttempt } from '../observations/probe';
import { TLS_VARIANT_IDS } from '../observations/vocabulary';
import { endingGroups, endingSummary, variantLabel } from './variants';

const attempt = (end: TlsAttempt['end'], extra: Partial<TlsAttempt> = {}) =>
  ({ ok: end === 'handshake', end, serverBytes: 0, alert: null, ...extra }) as TlsAttempt;

describe('TLS variant and ending labels', () => {
  it('names every variant in both languages; an unknown id is shown raw, never "undefined"', () => {
    for (const id of TLS_VARIANT_IDS)
      for (const lang of ['zh', 'en'] as const) expect(variantLabel(id, lang)).toMatch(/\S/);
    expect(variantLabel('sni-host', 'zh')).toBe('目标 SNI');
    expect(variantLabel('ech-grease', 'en')).toBe('ech-grease');
  });

  it('sums up the failed attempts by how they ended: 9×RST 1×超时', () => {
    const attempts = [
      ...Array.from({ length: 9 }, () => attempt('rst')),
      attempt('timeout'),
      attempt('handshake'),
    ];
    expect(endingSummary(attempts, 'zh')).toBe('9×RST 1×超时');
    expect(endingSummary(attempts, 'en')).toBe('9×RST 1×timeout');
    expect(endingSummary([attempt('handshake')], 'zh')).toBe('');
  });

  it('groups every attempt with the alerts and the most bytes the server sent before it failed', () => {
    const alert = { level: 2, code: 40, description: 'handshake_failure' };
    const groups = endingGroups(
      [
        attempt('alert', { alert, serverBytes: 7 }),
        attempt('alert', { alert, serverBytes: 9 }),
        attempt('handshake'),
      ],
      'en',
    );
    expect(groups).toEqual([
      { end: 'alert', label: 'alert', count: 2, ok: false, alerts: ['handshake_failure'], serverBytes: 9 },
      { end: 'handshake', label: 'handshake', count: 1, ok: true, alerts: [], serverBytes: null },
    ]);
  });
});
