import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { installLoopbackGuard, isLoopbackAddress } from './loopback-guard';

describe('loopback guard', () => {
  it('knows loopback addresses in every spelling the probe uses', () => {
    for (const a of ['127.0.0.1', '127.77.0.5', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['169.254.169.254', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '0.0.0.0'])
      expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('stops a connect to a non-loopback address before the real connect runs', async () => {
    // Record calls in place of the real connect, so this test itself can never open a connection.
    const real = net.Socket.prototype.connect;
    const reached: unknown[] = [];
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      reached.push(args[0]);
      return this;
    } as typeof real;
    const guard = installLoopbackGuard();
    try {
      const outside = new net.Socket();
      const error = new Promise<Error>((resolve) => outside.on('error', resolve));
      outside.connect({ host: '169.254.169.254', port: 80 });
      expect((await error).message).toMatch(/blocked/);
      new net.Socket().connect({ host: '127.0.0.1', port: 9 });
      expect(reached).toEqual([{ host: '127.0.0.1', port: 9 }]);
      expect(guard.blocked).toEqual(['169.254.169.254']);
    } finally {
      guard.uninstall();
      net.Socket.prototype.connect = real;
    }
  });
});
