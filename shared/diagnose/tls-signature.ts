/**
 * How one TLS attempt failed, in the terms the rules reason with. Raw inputs are the probe's `end`,
 * `serverBytes`, alert and Node/OpenSSL error; the signatures below were checked against Node 20's
 * OpenSSL 3 on loopback (e.g. a TLS 1.0-only server answers a modern ClientHello with alert 70,
 * plain HTTP on the TLS port gives ERR_SSL_WRONG_VERSION_NUMBER after the server's bytes).
 */
import type { TlsAttempt } from '../observations/probe';
import { PROBE_ERROR_CODES } from '../observations/vocabulary';

export type Signature =
  | 'ok'
  /** RST before the server sent a single byte: the ICP filter's shape, or a server that resets all */
  | 'rst-silent'
  | 'rst'
  /** FIN before any server byte ("socket disconnected before secure TLS connection") */
  | 'fin-silent'
  | 'fin'
  | 'timeout'
  /** alert 70 protocol_version, or the client found the server's version unacceptable */
  | 'protocol-version'
  /** any other fatal alert (40 handshake_failure, 47, 80, 112 …) */
  | 'alert'
  /** the server answered the ClientHello with HTTP text */
  | 'plain-http'
  /** the key or signature was too weak for OpenSSL's security level */
  | 'weak-crypto'
  | 'error';

const PLAIN_HTTP_CODES = [
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
];
const PLAIN_HTTP_TEXT = /wrong version number|packet length too long|http request|unknown protocol/i;
const PROTOCOL_VERSION_TEXT =
  /unsupported protocol|protocol version|wrong ssl version|no protocols available|version too low|unsupported_protocol/i;
const WEAK_TEXT =
  /key too small|md too weak|ee_key_too_small|ca_md_too_weak|ca_key_too_small|insufficient security/i;
// OpenSSL 3.0 (Node 20) says ERR_SSL_SSLV3_ALERT_…/ERR_SSL_TLSV1_ALERT_…, 3.5 (Node 24) ERR_SSL_SSL/TLS_ALERT_…
const ALERT_CODE = /^ERR_SSL_[A-Z0-9/]+_ALERT_/;

/**
 * The probe decides RST vs FIN vs timeout itself; when it could only say `error`, Node's raw error
 * still tells: `read ECONNRESET` is a RST, "socket disconnected before secure TLS connection" a FIN.
 */
export function effectiveEnd(a: TlsAttempt): TlsAttempt['end'] {
  if (a.end !== 'error') return a.end;
  const e = a.error;
  if (e?.code === 'ECONNRESET' && e.syscall === 'read') return 'rst';
  if (/disconnected before secure TLS connection/i.test(e?.message ?? '')) return 'fin';
  if (
    e?.code === PROBE_ERROR_CODES.timeout ||
    e?.code === 'ETIMEDOUT' ||
    /timed? ?out/i.test(e?.message ?? '')
  )
    return 'timeout';
  return 'error';
}

export function signature(a: TlsAttempt): Signature {
  if (a.ok) return 'ok';
  const code = a.error?.code ?? '';
  const text = `${code} ${a.error?.message ?? ''}`;
  if (a.alert?.code === 70 || PROTOCOL_VERSION_TEXT.test(text)) return 'protocol-version';
  if (WEAK_TEXT.test(text)) return 'weak-crypto';
  if (a.serverBytes > 0 && (PLAIN_HTTP_CODES.includes(code) || PLAIN_HTTP_TEXT.test(text)))
    return 'plain-http';
  if (a.alert || a.end === 'alert' || ALERT_CODE.test(code)) return 'alert';
  const end = effectiveEnd(a);
  if (end === 'rst') return a.serverBytes === 0 ? 'rst-silent' : 'rst';
  if (end === 'fin') return a.serverBytes === 0 ? 'fin-silent' : 'fin';
  if (end === 'timeout') return 'timeout';
  return 'error';
}

export function countOf(attempts: readonly TlsAttempt[], ...wanted: Signature[]): number {
  return attempts.filter((a) => wanted.includes(signature(a))).length;
}

export function alertLabel(a: TlsAttempt): string {
  if (a.alert) return `${a.alert.description}(${a.alert.code})`;
  const m = /alert number (\d+)/i.exec(a.error?.message ?? '');
  return m ? `alert ${m[1]}` : (a.error?.code ?? a.end);
}
