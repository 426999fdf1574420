/**
 * A TCP relay on loopback that holds every chunk for `delayMs` in each direction, so loopback behaves
 * like a link with a round-trip time of 2 × delayMs (netem is not available on this kernel). Order
 * is kept (equal timeouts fire in order). The TCP connect itself completes at once: only data
 * round trips are emulated, for every tool alike. For benchmarks only.
 */
import net from 'node:net';

export type DelayProxy = { address: string; port: number; close(): Promise<void> };

export function startDelayProxy(
  listen: { address: string; port: number },
  target: { address: string; port: number },
  delayMs: number,
): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  const relay = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.destroyed || to.end(), delayMs));
    from.on('error', () => setTimeout(() => to.destroyed || to.resetAndDestroy(), delayMs));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.address);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.address, () =>
      resolve({
        address: listen.address,
        port: listen.port,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
