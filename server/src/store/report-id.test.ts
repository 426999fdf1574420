import { describe, expect, it } from 'vitest';
import { REPORT_ID_LENGTH, isReportId, newReportId } from './report-id';

describe('report ids', () => {
  it('carry 128 random bits as unpadded base64url', () => {
    const id = newReportId();
    expect(id).toHaveLength(REPORT_ID_LENGTH);
    expect(isReportId(id)).toBe(true);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  it('do not repeat and use the whole alphabet', () => {
    const ids = Array.from({ length: 5000 }, newReportId);
    expect(new Set(ids).size).toBe(ids.length);
    const chars = new Set(ids.join(''));
    expect(chars.size).toBe(64);
  });

  it('reject anything else', () => {
    for (const bad of ['', 'short', `${newReportId()}x`, 'a'.repeat(21) + '/', '../../etc/passwd']) {
      expect(isReportId(bad)).toBe(false);
    }
  });
});
