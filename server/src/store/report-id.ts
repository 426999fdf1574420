/**
 * Report ids are the only access control on a report (they are shared by link and may reveal private
 * hosts), so they are unguessable: 128 random bits from the OS CSPRNG, base64url without padding.
 */
import { randomBytes } from 'node:crypto';

const ID_BYTES = 16;
export const REPORT_ID_LENGTH = 22; // ceil(16 * 8 / 6)
export const REPORT_ID_PATTERN = '^[A-Za-z0-9_-]{22}$';

export function newReportId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

export function isReportId(value: string): boolean {
  return new RegExp(REPORT_ID_PATTERN).test(value);
}
