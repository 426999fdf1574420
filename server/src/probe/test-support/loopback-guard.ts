/**
 * A tripwire for tests: any TCP connect to a non-loopback address fails the test loudly instead of
 * leaving the machine. It watches, it does not fake: loopback connects go through untouched. The
 * probe's own policy should make it unnecessary; this makes a policy bug harmless while testing it.
 */
import net from 'node:net';

export type LoopbackGuard = { violations: string[]; restore(): void };

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return bare === 'localhost';
}

function hostOf(args: unknown[]): string | null {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const options = first as { host?: string; path?: string };
    if (options.path) return null; // IPC socket
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number' || typeof first === 'string') {
    const second = Array.isArray(args[0]) ? (args[0] as unknown[])[1] : args[1];
    return typeof second === 'string' ? second : 'localhost';
  }
  return null;
}

export function guardLoopbackOnly(): LoopbackGuard {
  const original = net.Socket.prototype.connect;
  const violations: string[] = [];
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== null && !isLoopback(host)) {
      violations.push(host);
      throw new Error(`test tripwire: connect to non-loopback ${host}`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    violations,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
