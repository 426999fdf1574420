/**
 * Endpoints that misbehave below HTTP: a server that answers the ClientHello with a RST, a FIN or
 * silence; an address where nothing listens; and one whose SYNs go unanswered.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { listen } from './serving';

export type HelloReaction = 'reset' | 'close' | 'hang';

/** Waits for the client's first bytes (its ClientHello), then resets, closes or stays silent. */
export function createHelloResponder(reaction: HelloReaction): net.Server {
  return net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      if (reaction === 'reset') socket.resetAndDestroy();
      else if (reaction === 'close') socket.end();
      else socket.resume(); // hang: keep reading, never write
    });
  });
}

/** A port on `host` where nothing listens: bound once to learn a free number, then released. */
export async function reserveClosedPort(host: string, port: number): Promise<number> {
  if (port !== 0) return port;
  const probe = net.createServer();
  const free = await listen(probe, host, 0);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

export type DroppedEndpoint =
  { ok: true; port: number; stop(): Promise<void> } | { ok: false; reason: string };

/**
 * Without root or iptables, a SYN goes unanswered when the listener's accept queue is full: Linux
 * drops the SYN. So: a listener with a backlog of 1 whose event loop never accepts (a worker
 * thread blocked on Atomics.wait), its queue filled by the lab's own connections.
 */
const DROPPED_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const flag = new Int32Array(workerData.flag);
const server = net.createServer();
server.on('error', (error) => parentPort.postMessage({ error: String(error && error.message) }));
server.listen({ host: workerData.host, port: workerData.port, backlog: 1, exclusive: true }, () => {
  parentPort.postMessage({ port: server.address().port });
  // Block this thread's event loop so nothing is ever accepted; wake up now and then to see
  // whether the lab is closing.
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
  server.close();
  process.exit(0);
});
`;

const FILL_STEP_TIMEOUT_MS = 250;
const MAX_FILLERS = 64;

function connectWithin(host: string, port: number, ms: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

export async function startDropped(host: string, port: number): Promise<DroppedEndpoint> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(DROPPED_WORKER, { eval: true, workerData: { flag: flag.buffer, host, port } });
  } catch (error) {
    return { ok: false, reason: `cannot start the listener thread: ${String(error)}` };
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const stopWorker = async () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const timer = setTimeout(() => void worker.terminate(), 3000);
    await exited;
    clearTimeout(timer);
  };
  const started = await new Promise<{ port?: number; error?: string }>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ error: error.message }));
  });
  if (started.port === undefined) {
    await stopWorker();
    return { ok: false, reason: `cannot listen: ${started.error ?? 'unknown error'}` };
  }
  const boundPort = started.port;
  const fillers: net.Socket[] = [];
  let dropping = false;
  while (fillers.length < MAX_FILLERS) {
    const socket = await connectWithin(host, boundPort, FILL_STEP_TIMEOUT_MS);
    if (!socket) {
      dropping = true;
      break;
    }
    fillers.push(socket);
  }
  const stop = async () => {
    for (const socket of fillers) socket.destroy();
    await stopWorker();
  };
  if (!dropping) {
    await stop();
    return {
      ok: false,
      reason: `the kernel kept answering SYNs after ${MAX_FILLERS} queued connections (accept-queue overflow does not drop SYNs here)`,
    };
  }
  return { ok: true, port: boundPort, stop };
}
