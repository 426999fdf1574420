/**
 * An ICP-filing filter like the ones Alibaba Cloud and Tencent Cloud run in front of mainland
 * servers: it reads the ClientHello from the raw TCP stream, and for a blocked SNI cuts the
 * connection with a TCP RST before the server has sent a byte. Everything else (other SNIs, no
 * SNI, anything not TLS) is piped to the healthy backend untouched.
 *
 * Two field observations are modelled: a few blocked handshakes leak through (`leakProbability`),
 * and, like the DPI that looks at the first segment only, a ClientHello whose first TCP segment
 * does not hold the whole record passes (`splitHelloPasses`).
 *
 * The same box, blocking no name, also plays what an SNI filter must be told apart from: a lossy
 * path or an overloaded front that resets a share of all connections (`resetShare`), whatever they
 * name, right after the client's first bytes — the same silent RST, on every SNI alike.
 */
import net from 'node:net';
import { inspectClientHello } from './client-hello';
import { seededRandom, type Random } from './prng';

export const ICP_DECISIONS = [
  'reset',
  'drop',
  'random-reset',
  'leak',
  'pass-other-sni',
  'pass-no-sni',
  'pass-split',
  'pass-not-tls',
] as const;
export type IcpDecision = (typeof ICP_DECISIONS)[number];

export type IcpMiddleboxOptions = {
  blockedNames: ReadonlySet<string>;
  leakProbability: number;
  random: Random;
  splitHelloPasses: boolean;
  backend: { host: string; port: number };
  /** Share of all connections reset after their ClientHello, whatever they name (default 0). */
  resetShare?: number;
  /**
   * What a blocked ClientHello meets: a TCP RST (default), or nothing at all — the connection is
   * held open and never answered, as by a filter that drops the flow's packets.
   */
  blockAction?: 'reset' | 'drop';
};

/** A ClientHello never needs more than this; past it the filter gives up and passes. */
const MAX_INSPECTED_BYTES = 16 * 1024 + 5;

export type IcpMiddlebox = { server: net.Server; decisions: Record<IcpDecision, number> };

/** FNV-1a, 32 bits: a stable number for a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Whether a random reset hits a ClientHello of this kind. One seeded stream per kind — its SNI,
 * its length (which follows from the versions, extensions and ALPN it offers) and whether it came
 * in one TCP segment — so with a seed the k-th handshake of each kind meets the same fate however
 * the kinds interleave: a probe's variants then count the same resets every run.
 */
function randomResets(share: number, random: Random): (kind: string) => boolean {
  const base = Math.floor(random() * 2 ** 32);
  const streams = new Map<string, Random>();
  return (kind) => {
    let stream = streams.get(kind);
    if (!stream) {
      stream = seededRandom(base ^ fnv1a(kind));
      streams.set(kind, stream);
    }
    return stream() < share;
  };
}

/** The kind of a ClientHello for `randomResets`, or null while it is not all here. */
function helloKind(buffered: Buffer, segments: number): string | null {
  const seen = inspectClientHello(buffered);
  if (seen.status === 'need-more' && buffered.length <= MAX_INSPECTED_BYTES) return null;
  if (seen.status !== 'parsed') return seen.status;
  return `${seen.sni ?? '-'} ${seen.helloLength} ${segments > 1 ? 'split' : 'whole'}`;
}

export function createIcpMiddlebox(options: IcpMiddleboxOptions): IcpMiddlebox {
  const decisions = Object.fromEntries(ICP_DECISIONS.map((d) => [d, 0])) as Record<IcpDecision, number>;

  function decide(buffered: Buffer, firstSegment: boolean): IcpDecision | null {
    const seen = inspectClientHello(buffered);
    switch (seen.status) {
      case 'need-more':
        if (firstSegment && options.splitHelloPasses) return 'pass-split';
        return buffered.length > MAX_INSPECTED_BYTES ? 'pass-not-tls' : null;
      case 'not-client-hello':
        return 'pass-not-tls';
      case 'fragmented-record':
        return 'pass-split';
      case 'parsed':
        if (seen.sni === null) return 'pass-no-sni';
        if (!options.blockedNames.has(seen.sni)) return 'pass-other-sni';
        if (options.random() < options.leakProbability) return 'leak';
        return options.blockAction === 'drop' ? 'drop' : 'reset';
    }
  }

  // made only when asked for, so the ICP cases' leak draws stay what their seeds made them
  const resetShare = options.resetShare ?? 0;
  const hits = resetShare > 0 ? randomResets(resetShare, options.random) : null;
  /** With random resets: wait for the whole ClientHello, then reset it or decide as ever. */
  function decideRandomly(hit: (kind: string) => boolean, buffered: Buffer, segments: number) {
    const kind = helloKind(buffered, segments);
    if (kind === null) return null;
    return hit(kind) ? 'random-reset' : decide(buffered, false);
  }

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let segments = 0;
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      segments++;
      const decision = hits ? decideRandomly(hits, buffered, segments) : decide(buffered, segments === 1);
      if (decision === null) return;
      decisions[decision]++;
      client.off('data', onData);
      client.pause();
      if (decision === 'reset' || decision === 'random-reset') client.resetAndDestroy();
      else if (decision === 'drop') holdSilently(client);
      else pipeToBackend(client, buffered, options.backend);
    };
    client.on('data', onData);
  });
  return { server, decisions };
}

/** Reads and discards whatever comes, sends nothing; the client's own timeout ends the connection. */
function holdSilently(client: net.Socket): void {
  client.on('data', () => undefined);
  client.resume();
}

function pipeToBackend(
  client: net.Socket,
  firstBytes: Buffer,
  backend: { host: string; port: number },
): void {
  const upstream = net.connect({ host: backend.host, port: backend.port });
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  // A clean end travels through the pipe as a FIN; only an upstream failure cuts the client.
  upstream.on('close', (hadError) => {
    if (hadError) client.destroy();
  });
  upstream.once('connect', () => {
    upstream.write(firstBytes);
    client.pipe(upstream);
    upstream.pipe(client);
  });
}
