/**
 * Copies what a wx callback returned into a `wxprobe.client/1` attempt, word for word. Nothing is
 * interpreted here; the only changes are the ones the schema forces, and each is recorded beside
 * the value: an errMsg over 4096 characters is cut (`errMsgTruncated`), and a profile field whose
 * type differs from the documented one moves to `profileUnexpected` instead of failing validation.
 */
import type { ClientProfile } from '../shared/observations/client';
import { profileSchema } from '../shared/observations/client';
import { LIMITS } from './limits';

/** The attempt fields a wx result can fill (Omit<> would drop them: the schema type has an index signature). */
export type RawFields = {
  errMsg?: string;
  errno?: number | null;
  statusCode?: number;
  responseBytes?: number;
  profile?: ClientProfile;
  [extra: string]: unknown;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documented type of each profile field (a loop, not Object.fromEntries: iOS 12.0 lacks it). */
const PROFILE_TYPES: Record<string, string> = {};
for (const [key, schema] of Object.entries(profileSchema.properties)) PROFILE_TYPES[key] = schema.type;

function fitsType(value: unknown, type: string): boolean {
  return type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;
}

export function copyProfile(profile: Record<string, unknown>): {
  profile: ClientProfile;
  unexpected: Record<string, unknown> | null;
} {
  const fitted: Record<string, unknown> = {};
  const unexpected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) {
    const type = PROFILE_TYPES[key];
    if (type === undefined || fitsType(value, type)) fitted[key] = value;
    else unexpected[key] = value;
  }
  return { profile: fitted as ClientProfile, unexpected: Object.keys(unexpected).length ? unexpected : null };
}

/** The raw fields of a success, fail, onOpen or onError result. */
export function copyRawResult(result: unknown): RawFields {
  const out: RawFields = {};
  if (!isRecord(result)) return out;
  if (typeof result.errMsg === 'string') {
    if (result.errMsg.length > LIMITS.maxErrMsgLength) {
      out.errMsg = result.errMsg.slice(0, LIMITS.maxErrMsgLength);
      out.errMsgTruncated = true;
    } else {
      out.errMsg = result.errMsg;
    }
  }
  if ((typeof result.errno === 'number' && Number.isInteger(result.errno)) || result.errno === null) {
    out.errno = result.errno;
  } else if (result.errno !== undefined) {
    out.errnoUnexpected = result.errno;
  }
  if (typeof result.statusCode === 'number' && Number.isInteger(result.statusCode))
    out.statusCode = result.statusCode;
  if (isRecord(result.profile)) {
    const { profile, unexpected } = copyProfile(result.profile);
    out.profile = profile;
    if (unexpected) out.profileUnexpected = unexpected;
  }
  // HttpDNS outcome (wx.request success, base library 2.19.1+): raw, when present.
  if (typeof result.useHttpDNS === 'boolean') out.useHttpDNS = result.useHttpDNS;
  if (isRecord(result.exception)) out.exception = result.exception;
  return out;
}

/** UTF-8 byte length of a response body (WeChat's JS runtime has no TextEncoder everywhere). */
export function bodyBytes(data: unknown): number | undefined {
  if (typeof data === 'string') {
    let bytes = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }
  if (data instanceof ArrayBuffer) return data.byteLength;
  return undefined;
}
