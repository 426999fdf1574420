/**
 * Every distinct address of the name, each on its own: phones do not all use the pinned one (IPv6
 * mobile networks prefer AAAA; several A records are spread over), so each further address gets the
 * SNI = host TLS attempts, the certificate and one HTTP request, all addresses in parallel (at most
 * MAX_ADDRESSES_PER_NAME, every one already through the address policy). The primary address is
 * summarised from the top-level sections, which stay exactly as before.
 */
import type {
  AddressResult,
  ProbeCertificate,
  ProbeHttp,
  ProbeObservation,
  ProbeTls,
} from '../../../shared/observations/probe';
import { checkCertificate } from './certificate-check';
import { checkHttp, type HostPinner } from './http-check';
import type { TcpResult } from './tcp-connect';
import { startTlsRun, type TlsRunConfig } from './tls-run';

export type AddressCheckConfig = {
  host: string;
  hostIsIp: boolean;
  port: number;
  /** the URL to request, null when the scheme is not HTTP(S) */
  httpUrl: URL | null;
  secure: boolean;
  controlSni: string;
  attempts: number;
  attemptMode: TlsRunConfig['attemptMode'];
  method: string;
  headers: Record<string, string>;
  ca: string[];
  timeoutMs: number;
  signal: AbortSignal;
  /** resolves and policy-checks any other host (AIA, redirects) */
  pinHost: HostPinner;
};

function tlsSummary(tls: ProbeTls | null): AddressResult['tls'] {
  const variant = tls?.variants.find((v) => v.id === 'sni-host');
  return variant ? { okCount: variant.okCount, total: variant.total, attempts: variant.attempts } : null;
}

function certificateSummary(certificate: ProbeCertificate | null): AddressResult['certificate'] {
  if (!certificate) return null;
  const leaf = certificate.chain[0];
  return {
    status: certificate.status,
    verify: certificate.verify,
    hostname: certificate.hostname,
    anchored: certificate.trust?.anchored ?? null,
    notAfter: leaf?.notAfter ?? null,
    fingerprint256: leaf?.fingerprint256 ?? null,
  };
}

function httpSummary(http: ProbeHttp | null): AddressResult['http'] {
  const hop = http?.hops[0];
  return hop ? { statusCode: hop.statusCode, error: hop.error } : null;
}

/** A new entry for an address, as TCP left it; the later steps fill it in place. */
export function addressEntry(tcp: TcpResult, primary: boolean): AddressResult {
  return {
    address: tcp.address,
    family: tcp.family,
    primary,
    tcp: { ok: tcp.ok, durationMs: tcp.durationMs, error: tcp.error },
    tls: null,
    certificate: null,
    http: null,
  };
}

/** The primary entry from the top-level sections, as they stand (a budget cut keeps what was measured). */
export function withPrimarySections(entry: AddressResult, obs: ProbeObservation): AddressResult {
  if (!entry.primary || !entry.tcp.ok) return entry;
  return {
    ...entry,
    tls: tlsSummary(obs.tls),
    certificate: certificateSummary(obs.certificate),
    http: httpSummary(obs.http),
  };
}

/** TLS (SNI = host only), certificate and one HTTP request to one further address; fills `entry`. */
export async function checkOtherAddress(entry: AddressResult, config: AddressCheckConfig): Promise<void> {
  if (!entry.tcp.ok) return;
  const { address } = entry;
  const work: Array<Promise<void>> = [];
  if (config.secure) {
    const tls = startTlsRun({
      address,
      port: config.port,
      host: config.host,
      hostIsIp: config.hostIsIp,
      controlSni: config.controlSni,
      attempts: config.attempts,
      attemptMode: config.attemptMode,
      timeoutMs: config.timeoutMs,
      ca: config.ca,
      signal: config.signal,
      hostSniOnly: true,
    });
    const certificate = checkCertificate(tls.verifyHandshake, tls.firstHostHandshake, {
      host: config.host,
      address,
      port: config.port,
      ca: config.ca,
      timeoutMs: config.timeoutMs,
      signal: config.signal,
      resolveAddress: config.pinHost,
    });
    // filled as attempts finish, so a budget cut keeps what was measured
    entry.tls = tlsSummary(tls.section);
    work.push(tls.done.then(() => void (entry.tls = tlsSummary(tls.section))));
    work.push(certificate.then((result) => void (entry.certificate = certificateSummary(result))));
  }
  if (config.httpUrl) {
    const http: ProbeHttp = {
      status: 'timeout',
      method: config.method,
      timeoutMs: config.timeoutMs,
      hops: [],
    };
    const host = config.httpUrl.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const pending = checkHttp(
      {
        url: config.httpUrl,
        method: config.method,
        headers: config.headers,
        timeoutMs: config.timeoutMs,
        signal: config.signal,
        // the first hop goes to this address; any other host is resolved and checked as usual
        pin: (url) =>
          url.hostname.replace(/^\[|\]$/g, '').toLowerCase() === host && url.port === config.httpUrl?.port
            ? Promise.resolve({ address })
            : config.pinHost(url),
      },
      http,
    );
    work.push(pending.then(() => void (entry.http = httpSummary(http))));
  }
  await Promise.all(work);
}
