/**
 * A safety net for tests that hand hostile URLs to the real probe (e.g. 169.254.169.254): every
 * `net.Socket#connect` in this process to an address outside 127.0.0.0/8 and ::1 is stopped before
 * a packet leaves and recorded, so a policy bug fails the test instead of reaching a real network.
 * It does not change what the probe sees for loopback targets.
 */
import { isIP } from 'node:net';
import net from 'node:net';

export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(plain) === 4) return plain.startsWith('127.');
  if (plain === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  return mapped !== null && mapped[1]!.startsWith('127.');
}

export type LoopbackGuard = { blocked: string[]; uninstall(): void };

type LookupCallback = (error: Error | null, address?: unknown, family?: number) => void;
type ConnectOptions = {
  host?: string;
  path?: string;
  lookup?: (h: string, o: unknown, cb: LookupCallback) => void;
};

function blockedError(target: string): Error {
  return Object.assign(new Error(`test loopback guard: connection to ${target} blocked`), {
    code: 'ETESTBLOCKED',
    syscall: 'connect',
  });
}

export function installLoopbackGuard(): LoopbackGuard {
  const original = net.Socket.prototype.connect;
  const blocked: string[] = [];
  const block = (socket: net.Socket, target: string) => {
    blocked.push(target);
    process.nextTick(() => socket.destroy(blockedError(target)));
    return socket;
  };
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    // net.connect passes its already normalised arguments as one array.
    const options = (
      Array.isArray(first) ? first[0] : typeof first === 'object' ? first : null
    ) as ConnectOptions | null;
    if (options?.path !== undefined) return original.apply(this, args as never);
    const host = options
      ? (options.host ?? 'localhost')
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
      if (!isLoopbackAddress(host)) return block(this, host);
    } else if (options && typeof options.lookup === 'function') {
      const inner = options.lookup;
      options.lookup = (name, lookupOptions, callback) =>
        inner(name, lookupOptions, (error, address, family) => {
          const list = Array.isArray(address)
            ? address.map((a: { address: string }) => a.address)
            : typeof address === 'string'
              ? [address]
              : [];
          const outside = list.find((a) => !isLoopbackAddress(a));
          if (!error && outside !== undefined) {
            blocked.push(outside);
            return callback(blockedError(outside));
          }
          return callback(error, address, family);
        });
    } else if (host !== 'localhost') {
      return block(this, host);
    }
    return original.apply(this, args as never);
  } as typeof original;
  return {
    blocked,
    uninstall: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
