/**
 * A Duplex between node:tls and the real TCP socket, so the probe sees the wire under TLS: how many
 * bytes the server sent, its plaintext alert records, and whether the connection ended with a FIN
 * ('end' on the TCP socket) or an RST (ECONNRESET from read()). node:tls alone reports ECONNRESET for
 * both. Its job is to write the first TLS record (the ClientHello) over several TCP segments, to test
 * middleboxes that only inspect the first segment. The other attempts use socket-wire.ts: TLS over a
 * JavaScript stream costs node:tls about half as much CPU again as its native path (≈ 1.4 against
 * ≈ 0.95 ms per handshake here), and a probe makes dozens of handshakes.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { SPLIT_HELLO_GAP_MS, SPLIT_HELLO_LOOP_TURNS, SPLIT_HELLO_SEGMENT_BYTES } from './limits';
import { TlsRecordScanner, type TlsAlert } from './tls-alerts';
import { RESET_CODES, type WireEnd, type WireWatch } from './wire-watch';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a receiver of split hellos may run on this very event loop (see receiversShareThisLoop). */
let receiversInThisProcess = false;

/**
 * Declares that servers or middleboxes this process probes may run in this process (the lab started
 * in-process, tests): split hellos then also let the event loop turn SPLIT_HELLO_LOOP_TURNS times
 * after their pause, so such a receiver reads the first segment alone. A probe of anything outside
 * the process needs only the pause: on a busy loop those turns cost tens of milliseconds per hello.
 */
export function receiversShareThisLoop(): void {
  receiversInThisProcess = true;
}

/**
 * Lets the event loop pass through its poll phase `turns` times. A receiver in this same process
 * reads sockets only in the poll phase: a plain timer can fire in the same loop turn before that
 * read, and then it would see the whole hello at once.
 */
async function loopTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class WireTap extends Duplex implements WireWatch {
  serverBytes = 0;
  clientBytes = 0;
  /** how the TCP connection ended first, from the server's side */
  wireEnd: WireEnd | null = null;
  wireError: Error | null = null;
  readonly records = new TlsRecordScanner();
  /** the first record gathered so far, while it is still to be split; null once sent */
  private splitBuffer: Buffer | null;

  constructor(
    private readonly raw: Socket,
    splitFirstRecord: boolean,
  ) {
    super();
    this.splitBuffer = splitFirstRecord ? Buffer.alloc(0) : null;
    raw.on('data', (chunk: Buffer) => {
      this.serverBytes += chunk.length;
      this.records.feed(chunk);
      if (!this.push(chunk)) raw.pause();
    });
    raw.on('end', () => {
      this.wireEnd ??= 'fin';
      this.push(null);
    });
    raw.on('error', (error: Error & { code?: string }) => {
      this.wireEnd ??= RESET_CODES.includes(error.code ?? '') ? 'rst' : 'error';
      this.wireError ??= error;
      this.destroy(error);
    });
    raw.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
  }

  get alert(): TlsAlert | null {
    return this.records.alert;
  }

  get certificateRequested(): boolean {
    return this.records.certificateRequested;
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.clientBytes += chunk.length;
    if (this.splitBuffer === null) {
      this.raw.write(chunk, callback);
      return;
    }
    // node:tls may hand the ClientHello over in pieces (record header, body): gather the whole
    // first record, then put it on the wire in segments.
    this.splitBuffer = Buffer.concat([this.splitBuffer, chunk]);
    const recordEnd = this.splitBuffer.length >= 5 ? 5 + this.splitBuffer.readUInt16BE(3) : Infinity;
    if (this.splitBuffer.length < recordEnd) {
      callback();
      return;
    }
    const record = this.splitBuffer.subarray(0, recordEnd);
    const rest = this.splitBuffer.subarray(recordEnd);
    this.splitBuffer = null;
    this.writeInSegments(record)
      .then(() =>
        rest.length > 0 ? new Promise<void>((resolve) => this.raw.write(rest, () => resolve())) : undefined,
      )
      .then(() => callback(), callback);
  }

  /**
   * One write per segment, each flushed before the next (TCP_NODELAY is on). A pause after the first
   * segment, so even a receiver that reads lazily sees the record incomplete at its first read.
   */
  private async writeInSegments(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; offset += SPLIT_HELLO_SEGMENT_BYTES) {
      if (this.raw.destroyed) return;
      const segment = chunk.subarray(offset, offset + SPLIT_HELLO_SEGMENT_BYTES);
      await new Promise<void>((resolve, reject) =>
        this.raw.write(segment, (e) => (e ? reject(e) : resolve())),
      );
      if (offset === 0 && chunk.length > SPLIT_HELLO_SEGMENT_BYTES) {
        await pause(SPLIT_HELLO_GAP_MS);
        if (receiversInThisProcess) await loopTurns(SPLIT_HELLO_LOOP_TURNS);
      }
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.raw.destroy();
    callback(error);
  }
}
