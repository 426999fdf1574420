/**
 * Listening and closing for every lab server: bind to one loopback address, remember each
 * accepted socket, and on close destroy them all (a hung handshake must not keep the lab alive).
 */
import type net from 'node:net';

export type Stoppable = { stop(): Promise<void> };

export function listen(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}

/** Remembers the raw sockets a server accepts so `stop` can cut them. */
export function stoppable(server: net.Server): Stoppable {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

/** Listens and returns the port with a way to stop. */
export async function serve(
  server: net.Server,
  host: string,
  port: number,
): Promise<Stoppable & { port: number }> {
  const handle = stoppable(server);
  const bound = await listen(server, host, port);
  return { ...handle, port: bound };
}
