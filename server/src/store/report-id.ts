/**
 * Report ids are the only access control on a report (they are shared by link and may reveal private
 * hosts), so they are unguessable: 128 random bits from the OS CSPRNG, base64url without padding.
 */
import { randomBytes } from 'node:crypto';

const ID_BYTES = 16;
export const REPORT_ID_LENGTH = 22; // ceil(16 * 8 / 6)
export const REPORT_ID_PATTERN = '^[A-Za-z0-9_-]{22}$';

/** Ids drawn from the CSPRNG a few hundred at a time (one system call for many uploads), each used once. */
const POOL_BYTES = ID_BYTES * 256;
let pool = Buffer.alloc(0);
let taken = 0;

export function newReportId(): string {
  if (taken === pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  taken += ID_BYTES;
  return pool.toString('base64url', taken - ID_BYTES, taken);
}

export function isReportId(value: string): boolean {
  return new RegExp(REPORT_ID_PATTERN).test(value);
}
