/**
 * One TLS handshake against the pinned address, observed on the wire: completed or not, what the
 * server sent before it ended (bytes, an alert), how it ended (handshake / RST / FIN / timeout /
 * alert / error), when, and what was negotiated. node:tls runs natively on the TCP socket
 * (socket-wire.ts) except for the split ClientHello, which needs its writes controlled (wire-tap.ts).
 * Certificates are never judged here (rejectUnauthorized: false); the verification result is read
 * out for the certificate step.
 */
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import type { ProbeError, TlsAttempt, TlsEnd } from '../../../shared/observations/probe';
import { POST_HANDSHAKE_WAIT_MS } from './limits';
import { rawError, timeoutError } from './raw-error';
import { SocketWire } from './socket-wire';
import { alertFromOpenSslCode, alertFromOpenSslMessage } from './tls-alerts';
import { WireTap } from './wire-tap';
import type { WireWatch } from './wire-watch';

/**
 * What wx.request offers by default: `enableHttp2` defaults to false, so only http/1.1. A server that
 * speaks h2 alone then refuses these handshakes (no_application_protocol), as it refuses WeChat.
 * The HTTP step still offers h2 too, so the report shows what the server does speak.
 */
export const ALPN_OFFER = ['http/1.1'];

export type TlsAttemptSpec = {
  address: string;
  port: number;
  /** null: send no SNI at all */
  servername: string | null;
  splitHello: boolean;
  /**
   * watch the wire through the JavaScript tap even without splitting, to read the server's plaintext
   * records (a TLS 1.2 CertificateRequest); costs CPU, so for a few attempts only
   */
  readRecords?: boolean;
  /**
   * trust, version bounds and ciphers (tls-context.ts), shared between attempts; a function is
   * called once the TCP connection is up, for a context costly to make
   */
  context: SecureContext | (() => SecureContext);
  requestOCSP?: boolean;
  /**
   * keep the peer chain (DER, leaf first); a function is asked when the handshake completes, so
   * attempts can stop copying chains once one is kept (reading it costs ≈ 0.5 ms per handshake)
   */
  keepChain?: boolean | (() => boolean);
  timeoutMs: number;
  signal: AbortSignal;
};

export type TlsAttemptOutcome = {
  attempt: TlsAttempt;
  /** the chain as the server sent it, leaf first (DER), when asked for and the handshake completed */
  chain: Buffer[] | null;
  /** the leaf as node:tls presents it, for tls.checkServerIdentity */
  peer: PeerCertificate | null;
  ocspStapled: boolean | null;
  /** chain verification against `ca` when the handshake completed: null = trusted */
  verifyError: ProbeError | null;
};

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The peer chain leaf-first, following issuer links and stopping at a self-issued cert or a loop. */
function peerChain(socket: TLSSocket): { chain: Buffer[]; peer: PeerCertificate | null } {
  const leaf = socket.getPeerCertificate(true);
  if (!leaf || !leaf.raw) return { chain: [], peer: null };
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let cert: PeerCertificate | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert.raw);
    cert = (cert as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return { chain, peer: leaf };
}

/**
 * OpenSSL verify results Node 20 has no name for (it reports them as UNSPECIFIED): named here by
 * OpenSSL's own X509_V_ERR_* names, from OpenSSL's message for them (kept as the message).
 */
const OPENSSL_VERIFY_NAMES: Record<string, string> = {
  'CA signature digest algorithm too weak': 'CA_MD_TOO_WEAK',
  'EE certificate key too weak': 'EE_KEY_TOO_SMALL',
  'CA certificate key too weak': 'CA_KEY_TOO_SMALL',
  'invalid CA certificate': 'INVALID_CA',
  'unsupported certificate purpose': 'INVALID_PURPOSE',
  'Certificate Transparency required, but no valid SCTs found': 'NO_VALID_SCTS',
  'Suite B: certificate version invalid': 'SUITE_B_INVALID_VERSION',
  'missing Authority Key Identifier': 'MISSING_AUTHORITY_KEY_IDENTIFIER',
  'Missing Subject Key Identifier': 'MISSING_SUBJECT_KEY_IDENTIFIER',
  'basic constraints of CA cert not marked critical': 'CA_BCONS_NOT_CRITICAL',
};

/** node:tls keeps the OpenSSL verify error object on its handle; authorizationError has only the code. */
function verifyErrorOf(socket: TLSSocket): ProbeError | null {
  if (socket.authorized) return null;
  const handle = (socket as unknown as { _handle?: { verifyError?: () => Error | null } })._handle;
  const detailed = handle?.verifyError?.();
  if (detailed) {
    const error = rawError(detailed);
    const named = error.code === 'UNSPECIFIED' ? OPENSSL_VERIFY_NAMES[error.message] : undefined;
    return named ? { ...error, code: named } : error;
  }
  const code = String(socket.authorizationError ?? 'UNKNOWN');
  return { code, syscall: null, message: code };
}

/** An attempt asked for after the probe was stopped: it never dials. */
function notStarted(spec: TlsAttemptSpec): TlsAttemptOutcome {
  const attempt: TlsAttempt = {
    ok: false,
    durationMs: 0,
    end: 'timeout',
    serverBytes: 0,
    alert: null,
    error: timeoutError(spec.timeoutMs, 'TLS attempt (probe budget ended)'),
    protocol: null,
    cipher: null,
    alpn: null,
  };
  return { attempt, chain: null, peer: null, ocspStapled: null, verifyError: null };
}

export function tlsAttempt(spec: TlsAttemptSpec): Promise<TlsAttemptOutcome> {
  if (spec.signal.aborted) return Promise.resolve(notStarted(spec));
  const started = performance.now();
  let helloAt: number | null = null;
  // A TLS 1.3 server judges the client's (empty) Certificate only after node:tls reports the
  // handshake done: its refusal is an alert that follows. Until its first record (a ticket or
  // that alert) or a short wait, the attempt stays open.
  let handshakeAt: number | null = null;
  let completed: Partial<TlsAttemptOutcome> | null = null;
  let ticketSeen = false;
  let postTimer: NodeJS.Timeout | undefined;
  return new Promise((resolve) => {
    const raw = netConnect({ host: spec.address, port: spec.port });
    raw.setNoDelay(true);
    let wire: WireWatch | null = null;
    let socket: TLSSocket | null = null;
    let ocspStapled: boolean | null = spec.requestOCSP ? false : null;
    let settled = false;

    const finish = (
      ok: boolean,
      end: TlsEnd,
      error: ProbeError | null,
      extra: Partial<TlsAttemptOutcome> = {},
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(postTimer);
      spec.signal.removeEventListener('abort', onAbort);
      const alert =
        wire?.alert ??
        (error ? (alertFromOpenSslMessage(error.message) ?? alertFromOpenSslCode(error.code)) : null);
      const negotiated = ok && socket ? socket : null;
      // refused after the handshake, or a CertificateRequest seen before the refusal
      const clientCertRequested =
        !ok && alert !== null && (handshakeAt !== null || !!wire?.certificateRequested);
      const attempt: TlsAttempt = {
        ok,
        durationMs: round((handshakeAt ?? performance.now()) - (helloAt ?? started)),
        end: !ok && alert && end !== 'timeout' ? 'alert' : end,
        serverBytes: wire?.serverBytes ?? 0,
        alert,
        error,
        protocol: negotiated?.getProtocol() ?? null,
        cipher: negotiated?.getCipher()?.name ?? null,
        alpn: negotiated && typeof negotiated.alpnProtocol === 'string' ? negotiated.alpnProtocol : null,
        ...(clientCertRequested ? { clientCertRequested } : {}),
      };
      socket?.destroy();
      wire?.destroy();
      raw.destroy();
      resolve({ attempt, chain: null, peer: null, ocspStapled, verifyError: null, ...extra });
    };

    const fail = (tlsError: Error | null) => {
      const postAlert = tlsError ? alertFromOpenSslMessage(tlsError.message) : null;
      // after the handshake only a refusal (an alert) fails it; any other ending is the server's own
      if (completed && !postAlert) return finish(true, 'handshake', null, completed);
      const error = rawError(wire?.wireError ?? tlsError ?? new Error('connection closed'));
      const wireEnd = wire?.wireEnd ?? null;
      finish(false, wireEnd === 'rst' ? 'rst' : wireEnd === 'fin' ? 'fin' : 'error', error);
    };

    const onAbort = () =>
      finish(false, 'timeout', timeoutError(spec.timeoutMs, 'TLS attempt (probe budget ended)'));
    const timer = setTimeout(
      () =>
        completed
          ? finish(true, 'handshake', null, completed)
          : finish(false, 'timeout', timeoutError(spec.timeoutMs, 'TLS handshake')),
      spec.timeoutMs,
    );
    if (spec.signal.aborted) return onAbort();
    spec.signal.addEventListener('abort', onAbort, { once: true });

    raw.once('error', (error) => {
      // before the TLS layer exists: the TCP connect itself failed
      if (!wire) finish(false, 'error', rawError(error));
    });
    raw.once('connect', () => {
      helloAt = performance.now();
      const tap = spec.splitHello || spec.readRecords ? new WireTap(raw, spec.splitHello) : null;
      tap?.on('error', () => undefined); // reported through the TLS socket / wireError
      socket = tlsConnect({
        socket: tap ?? raw,
        ...(spec.servername !== null ? { servername: spec.servername } : {}),
        ALPNProtocols: ALPN_OFFER,
        rejectUnauthorized: false,
        // the chain is judged by verifyErrorOf; the hostname separately by the certificate step
        checkServerIdentity: () => undefined,
        secureContext: typeof spec.context === 'function' ? spec.context() : spec.context,
        ...(spec.requestOCSP ? { requestOCSP: true } : {}),
      });
      // before the listeners below: the wire must be known when they run
      wire = tap ?? new SocketWire(raw, socket);
      socket.once('OCSPResponse', (response: Buffer | null) => {
        ocspStapled = response !== null && response.length > 0;
      });
      // listened to from the start: node:tls only reports tickets once someone listens
      socket.once('session', () => {
        ticketSeen = true;
        if (completed) finish(true, 'handshake', null, completed);
      });
      socket.once('secureConnect', () => {
        const tls = socket as TLSSocket;
        handshakeAt = performance.now();
        const keep = typeof spec.keepChain === 'function' ? spec.keepChain() : spec.keepChain;
        const { chain, peer } = keep ? peerChain(tls) : { chain: null, peer: null };
        const outcome = { chain, peer, verifyError: verifyErrorOf(tls) };
        if (tls.getProtocol() !== 'TLSv1.3' || ticketSeen) return finish(true, 'handshake', null, outcome);
        completed = outcome;
        postTimer = setTimeout(() => finish(true, 'handshake', null, outcome), POST_HANDSHAKE_WAIT_MS);
      });
      socket.once('error', (error) => fail(error));
      socket.once('close', () => fail(null));
    });
  });
}
