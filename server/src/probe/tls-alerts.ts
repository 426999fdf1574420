/**
 * TLS alerts the server sent, read two ways: from plaintext alert records in the server's bytes
 * (before encryption starts), or from OpenSSL's error text ("SSL alert number 70") when the alert
 * arrived encrypted (TLS 1.3) and only OpenSSL saw it.
 */
import { TLS_RECORD_SCAN_BYTES } from './limits';

export type TlsAlert = { level: number; code: number; description: string };

/** RFC 8446 §6 / RFC 5246 §7.2 alert descriptions. */
const ALERT_NAMES: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export function alertOf(level: number, code: number): TlsAlert {
  return { level, code, description: ALERT_NAMES[code] ?? `unknown_alert_${code}` };
}

const RECORD_ALERT = 21;
const RECORD_HANDSHAKE = 22;
/** RFC 5246 §7.4: the server asks the client for its certificate (plaintext up to TLS 1.2). */
const HANDSHAKE_CERTIFICATE_REQUEST = 13;
const RECORD_CHANGE_CIPHER_SPEC = 20;
const RECORD_APPLICATION_DATA = 23;
const FIRST_RECORD_TYPE = 20;
const LAST_RECORD_TYPE = 24;

/**
 * Reads the server's first bytes as TLS records and keeps the first plaintext alert, and whether a
 * plaintext handshake message was a CertificateRequest (TLS ≤ 1.2; in 1.3 it is encrypted). Stops at
 * the first encrypted record (CCS / application data), at non-TLS bytes, or after the scan cap.
 */
export class TlsRecordScanner {
  alert: TlsAlert | null = null;
  certificateRequested = false;
  /** plaintext handshake bytes not yet read as whole messages (messages may span records) */
  private handshake = Buffer.alloc(0);
  /** false once the server's bytes are seen not to be TLS records (e.g. "HTTP/1.1 400") */
  looksLikeTls = true;
  private buffer = Buffer.alloc(0);
  private done = false;

  feed(chunk: Buffer): void {
    if (this.done) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (!this.done && this.buffer.length >= 5) {
      const type = this.buffer[0] ?? 0;
      const major = this.buffer[1] ?? 0;
      if (type < FIRST_RECORD_TYPE || type > LAST_RECORD_TYPE || major !== 3) {
        this.looksLikeTls = false;
        this.done = true;
        break;
      }
      const length = this.buffer.readUInt16BE(3);
      if (this.buffer.length < 5 + length) break;
      if (type === RECORD_ALERT && length >= 2 && this.alert === null) {
        this.alert = alertOf(this.buffer[5] ?? 0, this.buffer[6] ?? 0);
      }
      if (type === RECORD_HANDSHAKE) this.readHandshake(this.buffer.subarray(5, 5 + length));
      if (type === RECORD_CHANGE_CIPHER_SPEC || type === RECORD_APPLICATION_DATA) this.done = true;
      this.buffer = this.buffer.subarray(5 + length);
    }
    if (this.buffer.length > TLS_RECORD_SCAN_BYTES) this.done = true;
    if (this.done) this.buffer = Buffer.alloc(0);
  }

  private readHandshake(payload: Buffer): void {
    this.handshake = Buffer.concat([this.handshake, payload]);
    while (this.handshake.length >= 4) {
      const length = this.handshake.readUIntBE(1, 3);
      if (this.handshake.length < 4 + length) break;
      if (this.handshake[0] === HANDSHAKE_CERTIFICATE_REQUEST) this.certificateRequested = true;
      this.handshake = this.handshake.subarray(4 + length);
    }
  }
}

/** An alert OpenSSL reports having received, from its error message, e.g. "… SSL alert number 70". */
export function alertFromOpenSslMessage(message: string): TlsAlert | null {
  const match = /SSL alert number (\d+)/.exec(message);
  // OpenSSL only errors out on fatal alerts (level 2)
  return match ? alertOf(2, Number(match[1])) : null;
}

/**
 * The alert an OpenSSL error code names, e.g. `ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION` → 70. The prefix
 * depends on the OpenSSL version (3.0 in Node 20: `ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE`; 3.5 in Node
 * 24: `ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE`), so only the alert's name after `_ALERT_` is read.
 */
export function alertFromOpenSslCode(code: string | null | undefined): TlsAlert | null {
  const match = /^ERR_SSL_[A-Z0-9/]+_ALERT_([A-Z_]+)$/.exec(code ?? '');
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  const number = Object.entries(ALERT_NAMES).find(([, known]) => known === name)?.[0];
  return number === undefined ? null : alertOf(2, Number(number));
}
