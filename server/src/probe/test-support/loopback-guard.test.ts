import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardLoopbackOnly } from './loopback-guard';

describe('loopback tripwire', () => {
  it('stops a connect to a non-loopback address before it leaves, and lets loopback through', async () => {
    const guard = guardLoopbackOnly();
    try {
      expect(() => net.connect({ host: '192.0.2.1', port: 9 })).toThrow(/tripwire/);
      expect(() => net.connect(9, '198.51.100.1')).toThrow(/tripwire/);
      const socket = net.connect({ host: '127.0.0.1', port: 9 });
      socket.on('error', () => undefined);
      socket.destroy();
      expect(guard.violations).toEqual(['192.0.2.1', '198.51.100.1']);
    } finally {
      guard.restore();
    }
  });
});
