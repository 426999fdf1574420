/**
 * The wire under a handshake that node:tls runs natively on the TCP socket (`tls.connect({ socket })`:
 * OpenSSL reads the kernel socket directly, no JavaScript stream in between — the fast path, used for
 * every attempt that does not need to control its writes; see wire-tap.ts for the one that does).
 * What the probe records stays the same:
 *   - server bytes: the TCP handle's own count of bytes read (`bytesRead`, kept after close);
 *   - FIN: the TLS socket's 'end' (EOF on the TCP read) — node:tls then also reports ECONNRESET
 *     "socket disconnected before secure TLS connection", hence this separate signal;
 *   - RST: the TCP read/write error itself (ECONNRESET / EPIPE / ECONNABORTED with its syscall);
 *   - alerts: OpenSSL names every fatal alert it received ("SSL alert number 40"), plaintext or
 *     encrypted, in its error; the caller reads it from there.
 * The one thing only the tap sees is a warning-level alert (e.g. close_notify) before a close: here
 * such an attempt ends as a FIN with its bytes counted.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TlsAlert } from './tls-alerts';
import { RESET_CODES, type WireEnd, type WireWatch } from './wire-watch';

export class SocketWire implements WireWatch {
  wireEnd: WireEnd | null = null;
  wireError: Error | null = null;
  readonly alert: TlsAlert | null = null;
  readonly certificateRequested = false;

  /** Attach before any other 'error' listener of `tls`, so the wire is known when they run. */
  constructor(
    private readonly raw: Socket,
    tls: TLSSocket,
  ) {
    tls.once('end', () => {
      this.wireEnd ??= 'fin';
    });
    tls.on('error', (error: Error & { code?: string; syscall?: string }) => {
      // Only errors of the TCP socket itself carry a syscall; OpenSSL's and node:tls's own do not.
      if (typeof error.syscall !== 'string') return;
      this.wireEnd ??= RESET_CODES.includes(error.code ?? '') ? 'rst' : 'error';
      this.wireError ??= error;
    });
    // node:tls reports the socket's errors itself; this only keeps a late one from being unhandled
    raw.on('error', () => undefined);
  }

  get serverBytes(): number {
    return this.raw.bytesRead;
  }

  destroy(): void {
    this.raw.destroy();
  }
}
