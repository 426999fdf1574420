import { describe, expect, it } from 'vitest';
import { alertFromOpenSslCode, alertFromOpenSslMessage, TlsRecordScanner } from './tls-alerts';

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

  it('notices a plaintext CertificateRequest, even when the handshake message spans records', () => {
    // ServerHelloDone (14) alone: nothing asked
    const done = new TlsRecordScanner();
    done.feed(record(22, [14, 0, 0, 0]));
    expect(done.certificateRequested).toBe(false);
    // a Certificate message (11, 3 body bytes) then CertificateRequest (13), cut across two records
    const messages = [11, 0, 0, 3, 0, 0, 0, 13, 0, 0, 2, 1, 1];
    const asked = new TlsRecordScanner();
    asked.feed(record(22, messages.slice(0, 9)));
    expect(asked.certificateRequested).toBe(false);
    asked.feed(record(22, messages.slice(9)));
    expect(asked.certificateRequested).toBe(true);
    // after encryption starts (TLS 1.3) nothing is read as a handshake message any more
    const encrypted = new TlsRecordScanner();
    encrypted.feed(Buffer.concat([record(23, [13, 0, 0, 0]), record(22, [13, 0, 0, 0])]));
    expect(encrypted.certificateRequested).toBe(false);
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

describe('alerts named by an OpenSSL error code', () => {
  it.each([
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 40, 'handshake_failure'], // OpenSSL 3.0 (Node 20)
    ['ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE', 40, 'handshake_failure'], // OpenSSL 3.5 (Node 24)
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 70, 'protocol_version'],
    ['ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL', 120, 'no_application_protocol'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 116, 'certificate_required'],
  ])('%s is alert %i', (code, number, description) => {
    expect(alertFromOpenSslCode(code)).toEqual({ level: 2, code: number, description });
  });

  it('reads nothing from codes that name no alert', () => {
    for (const code of [
      'ECONNRESET',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'ERR_SSL_TLSV1_ALERT_NO_SUCH_THING',
      null,
    ]) {
      expect(alertFromOpenSslCode(code)).toBeNull();
    }
  });
});
