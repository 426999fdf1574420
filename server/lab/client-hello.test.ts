import net from 'node:net';
import tls from 'node:tls';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectClientHello } from './client-hello';

/** The first bytes a real node:tls client sends, caught by a plain TCP server. */
async function captureClientHello(options: tls.ConnectionOptions): Promise<Buffer> {
  const server = net.createServer();
  const captured = new Promise<Buffer>((resolve) => {
    server.once('connection', (socket) => {
      let data = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', () => undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = tls.connect({ host: '127.0.0.1', port, ...options });
  client.on('error', () => undefined);
  const hello = await captured;
  client.destroy();
  server.close();
  return hello;
}

describe('inspectClientHello on real ClientHellos', () => {
  it('reads the SNI a node:tls client sends, lower-cased', async () => {
    const hello = await captureClientHello({ servername: 'Icp-Block.lab.wxprobe.test' });
    expect(inspectClientHello(hello)).toMatchObject({ status: 'parsed', sni: 'icp-block.lab.wxprobe.test' });
  });

  it('says null when the client sends no SNI', async () => {
    const hello = await captureClientHello({ servername: '' });
    expect(inspectClientHello(hello)).toMatchObject({ status: 'parsed', sni: null });
  });

  it('reads a TLS 1.0-only ClientHello too', async () => {
    const hello = await captureClientHello({
      servername: 'old.example.test',
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    expect(inspectClientHello(hello)).toMatchObject({ status: 'parsed', sni: 'old.example.test' });
  });

  it('wants more bytes for every strict prefix of the first record', async () => {
    const hello = await captureClientHello({ servername: 'split.example.test' });
    for (const cut of [1, 4, 5, 40, hello.length - 1]) {
      expect(inspectClientHello(hello.subarray(0, cut)).status, `cut at ${cut}`).toBe('need-more');
    }
  });

  it('recognises a ClientHello spread over two TLS records', async () => {
    const hello = await captureClientHello({ servername: 'records.example.test' });
    const body = hello.subarray(5);
    const half = Math.floor(body.length / 2);
    const record = (part: Buffer) =>
      Buffer.concat([Buffer.from([0x16, 0x03, 0x01, part.length >> 8, part.length & 0xff]), part]);
    const twoRecords = Buffer.concat([record(body.subarray(0, half)), record(body.subarray(half))]);
    expect(inspectClientHello(twoRecords).status).toBe('fragmented-record');
  });

  it('says not-client-hello for plain HTTP and other bytes', () => {
    expect(inspectClientHello(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')).status).toBe(
      'not-client-hello',
    );
    expect(inspectClientHello(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x04, 0x02, 0, 0, 0])).status).toBe(
      'not-client-hello',
    );
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        inspectClientHello(Buffer.from(bytes));
      }),
    );
    // Nor on a real hello with random bytes flipped.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(300), fc.nat(255)), { maxLength: 8 }), (flips) => {
        const hello = Buffer.from(SAMPLE_HELLO);
        for (const [at, value] of flips) if (at < hello.length) hello[at] = value;
        inspectClientHello(hello);
      }),
    );
  });
});

/** A minimal hand-built ClientHello with SNI "a.test" (for the fuzzing above). */
const SAMPLE_HELLO = (() => {
  const sniName = Buffer.from('a.test');
  const sniList = Buffer.concat([Buffer.from([0x00, 0x00, sniName.length]), sniName]);
  const sniExt = Buffer.concat([
    Buffer.from([0x00, 0x00, 0x00, sniList.length + 2, 0x00, sniList.length]),
    sniList,
  ]);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    Buffer.alloc(32),
    Buffer.from([0x00]), // session id
    Buffer.from([0x00, 0x02, 0x13, 0x01]), // one cipher suite
    Buffer.from([0x01, 0x00]), // null compression
    Buffer.from([0x00, sniExt.length]),
    sniExt,
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0x16, 0x03, 0x01, handshake.length >> 8, handshake.length & 0xff]),
    handshake,
  ]);
})();

describe('inspectClientHello on a hand-built hello', () => {
  it('reads its SNI', () => {
    expect(inspectClientHello(SAMPLE_HELLO)).toMatchObject({ status: 'parsed', sni: 'a.test' });
  });
});
