/**
 * Errors as Node or undici reported them, kept raw ({code, syscall, message}), plus the few codes
 * the probe itself produces when it stops something on purpose (PROBE_ERROR_CODES, in the
 * observation vocabulary). Nothing is reworded or classified: the diagnosis reads these.
 */
import type { ProbeError } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';

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
