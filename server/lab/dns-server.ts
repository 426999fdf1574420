/**
 * The lab's DNS server: UDP on a loopback address, answering from a `LabZone`. A query the zone
 * leaves unanswered gets no reply at all, so the client times out as it would on a dead server.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { RCODES, encodeResponse, parseQuery } from './dns-wire';
import type { LabZone } from './dns-zone';

export type RunningDnsServer = { address: string; port: number; stop(): Promise<void> };

export function startDnsServer(host: string, port: number, zone: LabZone): Promise<RunningDnsServer> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  socket.on('message', (message, remote) => {
    const query = parseQuery(message);
    if (!query) return;
    const reply =
      query.opcode !== 0
        ? encodeResponse(query, RCODES.NOTIMP, [])
        : (() => {
            const answer = zone.answer(query.question);
            return answer === 'no-answer' ? null : encodeResponse(query, answer.rcode, answer.answers);
          })();
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        address: host,
        port: socket.address().port,
        stop: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
