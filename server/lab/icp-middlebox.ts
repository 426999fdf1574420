/**
 * An ICP-filing filter like the ones Alibaba Cloud and Tencent Cloud run in front of mainland
 * servers: it reads the ClientHello from the raw TCP stream, and for a blocked SNI cuts the
 * connection with a TCP RST before the server has sent a byte. Everything else (other SNIs, no
 * SNI, anything not TLS) is piped to the healthy backend untouched.
 *
 * Two field observations are modelled: a few blocked handshakes leak through (`leakProbability`),
 * and, like the DPI that looks at the first segment only, a ClientHello whose first TCP segment
 * does not hold the whole record passes (`splitHelloPasses`).
 */
import net from 'node:net';
import { inspectClientHello } from './client-hello';
import type { Random } from './prng';

export const ICP_DECISIONS = [
  'reset',
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
};

/** A ClientHello never needs more than this; past it the filter gives up and passes. */
const MAX_INSPECTED_BYTES = 16 * 1024 + 5;

export type IcpMiddlebox = { server: net.Server; decisions: Record<IcpDecision, number> };

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
        return options.random() < options.leakProbability ? 'leak' : 'reset';
    }
  }

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let firstSegment = true;
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const decision = decide(buffered, firstSegment);
      firstSegment = false;
      if (decision === null) return;
      decisions[decision]++;
      client.off('data', onData);
      client.pause();
      if (decision === 'reset') client.resetAndDestroy();
      else pipeToBackend(client, buffered, options.backend);
    };
    client.on('data', onData);
  });
  return { server, decisions };
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
