/**
 * What one TLS attempt learns of the TCP connection under its handshake, however it is observed:
 * natively (socket-wire.ts, the fast path) or through a JavaScript stream that controls the writes
 * (wire-tap.ts, for the split ClientHello).
 */
import type { TlsAlert } from './tls-alerts';

export type WireEnd = 'fin' | 'rst' | 'error';

/** TCP errors that mean the peer reset the connection. */
export const RESET_CODES = ['ECONNRESET', 'EPIPE', 'ECONNABORTED'];

export interface WireWatch {
  /** bytes the server sent, as read from the TCP socket */
  readonly serverBytes: number;
  /** how the TCP connection ended first, from the server's side */
  readonly wireEnd: WireEnd | null;
  /** the TCP socket's own error, when it had one */
  readonly wireError: Error | null;
  /** a plaintext alert record read off the wire, when the observer reads records */
  readonly alert: TlsAlert | null;
  /** a plaintext CertificateRequest was read off the wire (TLS ≤ 1.2, when the observer reads records) */
  readonly certificateRequested: boolean;
  destroy(): void;
}
