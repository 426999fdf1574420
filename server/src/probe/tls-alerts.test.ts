import { describe, expect, it } from 'vitest';
import { alertFromOpenSslMessage, TlsRecordScanner } from './tls-alerts';

const record = (type: number, body: number[]) =>
  Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff, ...body]);

describe('TLS alert reading', () => {
  it('finds a plaintext alert record even when it arrives split across reads', () => {
    const scanner = new TlsRecordScanner();
    const alert = record(21, [2, 70]);
    scanner.feed(alert.subarray(0, 3));
    expect(scanner.alert).toBeNull();
    scanner.feed(alert.subarray(3));
    expect(scanner.alert).toEqual({ level: 2, code: 70, description: 'protocol_version' });
  });

  it('ignores what comes after encryption starts and notices bytes that are not TLS', () => {
    const encrypted = new TlsRecordScanner();
    encrypted.feed(Buffer.concat([record(22, [2, 0, 0, 0]), record(20, [1]), record(21, [2, 40])]));
    expect(encrypted.alert).toBeNull();
    const http = new TlsRecordScanner();
    http.feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(http.looksLikeTls).toBe(false);
  });

  it('reads the alert OpenSSL reports for an encrypted (TLS 1.3) alert', () => {
    const message =
      'error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:…:SSL alert number 40';
    expect(alertFromOpenSslMessage(message)).toEqual({
      level: 2,
      code: 40,
      description: 'handshake_failure',
    });
    expect(alertFromOpenSslMessage('read ECONNRESET')).toBeNull();
  });
});
