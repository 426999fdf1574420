/**
 * Errors as Node or undici reported them, kept raw ({code, syscall, message}), plus the few codes
 * the probe itself produces when it stops something on purpose. Nothing is reworded or classified:
 * the diagnosis reads these.
 */
import type { ProbeError } from '../../../shared/observations/probe';

/** Codes for things the probe did itself (not errors Node reported). */
export const PROBE_ERROR_CODES = {
  /** our per-step timer fired (the network never said anything) */
  timeout: 'WXPROBE_TIMEOUT',
  /** the address policy refused every address for this connection */
  refused: 'WXPROBE_ADDRESS_REFUSED',
  /** a redirect Location that is not a usable http(s) URL */
  badRedirect: 'WXPROBE_BAD_REDIRECT',
  /** AIA fetched something that is not a certificate we can read (e.g. PKCS#7) */
  aiaUnreadable: 'WXPROBE_AIA_UNREADABLE',
  /** AIA URL scheme other than http: */
  aiaUnsupported: 'WXPROBE_AIA_UNSUPPORTED',
  /** no completed handshake with SNI = host, so there is no certificate to look at */
  noHandshake: 'WXPROBE_NO_HANDSHAKE',
} as const;

export function rawError(error: unknown): ProbeError {
  if (error instanceof Error) {
    const withCode = error as Error & { code?: unknown; syscall?: unknown };
    return {
      code:
        typeof withCode.code === 'string'
          ? withCode.code
          : typeof withCode.code === 'number'
            ? String(withCode.code)
            : null,
      syscall: typeof withCode.syscall === 'string' ? withCode.syscall : null,
      message: error.message,
    };
  }
  return { code: null, syscall: null, message: String(error) };
}

export function probeError(code: string, message: string, syscall: string | null = null): ProbeError {
  return { code, syscall, message };
}

export function timeoutError(ms: number, what: string, syscall: string | null = null): ProbeError {
  return probeError(PROBE_ERROR_CODES.timeout, `${what}: no answer within ${ms} ms`, syscall);
}
