/** Step 4, TCP: one connect per checked address, timed, with the raw error when it fails. */
import { connect, isIP } from 'node:net';
import type { ProbeTcp } from '../../../shared/observations/probe';
import { rawError, timeoutError } from './raw-error';

export type TcpResult = ProbeTcp['results'][number];

export function tcpConnect(
  address: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<TcpResult> {
  const started = performance.now();
  const family = isIP(address) === 6 ? 6 : 4;
  return new Promise((resolve) => {
    const stoppedBefore = () =>
      resolve({
        address,
        family,
        port,
        ok: false,
        durationMs: 0,
        error: timeoutError(timeoutMs, 'TCP connect (probe stopped before it started)', 'connect'),
      });
    // stopped already: no connection is even attempted
    if (signal.aborted) return stoppedBefore();
    const socket = connect({ host: address, port });
    let settled = false;
    const finish = (ok: boolean, error: TcpResult['error']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      resolve({ address, family, port, ok, durationMs, error });
    };
    const onAbort = () =>
      finish(false, timeoutError(timeoutMs, 'TCP connect (probe budget ended)', 'connect'));
    const timer = setTimeout(
      () => finish(false, timeoutError(timeoutMs, 'TCP connect', 'connect')),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true, null));
    socket.once('error', (error) => finish(false, rawError(error)));
  });
}
