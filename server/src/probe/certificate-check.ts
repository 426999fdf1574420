/**
 * Step 7, the certificate: the chain as the server sent it, its fields, verification against Node's
 * bundled Mozilla roots plus `--ca` WITHOUT AIA (what WeChat's stacks do), the hostname check apart,
 * and — when verification failed for a missing issuer — the leaf's AIA caIssuers fetched (address
 * policy + pinning, capped) and the chain verified again with it. Records, never judges.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import type { ProbeCertificate, ProbeError } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { certInfo } from './cert-info';
import { AIA_MAX_BYTES } from './limits';
import { pinnedFetch } from './pinned-http';
import { probeError, rawError } from './raw-error';
import type { TlsAttemptOutcome } from './tls-attempt';
import { tlsAttempt } from './tls-attempt';
import { createTlsContext } from './tls-context';

/** OpenSSL verify codes that mean "an issuer certificate is missing" (AIA might supply it). */
export const MISSING_ISSUER_CODES = [
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
];

export type AddressResolver = (url: URL) => Promise<{ address: string } | { error: ProbeError }>;

export type CertificateConfig = {
  host: string;
  address: string;
  port: number;
  ca: string[];
  timeoutMs: number;
  signal: AbortSignal;
  /** resolves and policy-checks an AIA URL's host; returns the pinned address or why not */
  resolveAddress: AddressResolver;
};

type Aia = NonNullable<ProbeCertificate['aia']>;

function readCertificates(body: Buffer): X509Certificate[] {
  const text = body.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((pem) => new X509Certificate(pem));
  }
  return [new X509Certificate(body)];
}

async function fetchAia(url: string, config: CertificateConfig): Promise<{ aia: Aia; pems: string[] }> {
  const aia: Aia = { url, fetched: false, bytes: 0, error: null, verify: null };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return { aia: { ...aia, error: rawError(error) }, pems: [] };
  }
  if (parsed.protocol !== 'http:') {
    return {
      aia: {
        ...aia,
        error: probeError(
          PROBE_ERROR_CODES.aiaUnsupported,
          `AIA over ${parsed.protocol} is not fetched (http: only)`,
        ),
      },
      pems: [],
    };
  }
  const target = await config.resolveAddress(parsed);
  if ('error' in target) return { aia: { ...aia, error: target.error }, pems: [] };
  const response = await pinnedFetch({
    url: parsed,
    address: target.address,
    method: 'GET',
    headers: { accept: 'application/pkix-cert, application/x-x509-ca-cert, */*' },
    timeoutMs: config.timeoutMs,
    bodyCap: AIA_MAX_BYTES,
    signal: config.signal,
  });
  const fetched = { ...aia, bytes: response.body.length };
  if (response.error) return { aia: { ...fetched, error: response.error }, pems: [] };
  if (response.statusCode !== 200) {
    return {
      aia: {
        ...fetched,
        error: probeError(`HTTP_${response.statusCode}`, `AIA server answered ${response.statusCode}`),
      },
      pems: [],
    };
  }
  try {
    const pems = readCertificates(response.body).map((c) => c.toString());
    return { aia: { ...fetched, fetched: true }, pems };
  } catch (error) {
    return {
      aia: {
        ...fetched,
        error: probeError(
          PROBE_ERROR_CODES.aiaUnreadable,
          `not a DER or PEM certificate: ${(error as Error).message}`,
        ),
      },
      pems: [],
    };
  }
}

function hostnameCheck(host: string, outcome: TlsAttemptOutcome | null): ProbeCertificate['hostname'] {
  if (!outcome?.peer)
    return { ok: false, error: probeError(PROBE_ERROR_CODES.noHandshake, 'no certificate to check') };
  const error = checkServerIdentity(host, outcome.peer);
  return error ? { ok: false, error: rawError(error) } : { ok: true, error: null };
}

/** The issuer-less end of the sent chain: the cert whose AIA names the missing issuer. */
function aiaUrlOf(chain: Buffer[]): string | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const info = certInfo(chain[i] as Buffer);
    if (!info.selfSigned && info.aiaCaIssuers.length > 0) return info.aiaCaIssuers[0] ?? null;
  }
  return null;
}

export async function checkCertificate(
  verifyHandshake: Promise<TlsAttemptOutcome>,
  firstHostHandshake: Promise<TlsAttemptOutcome | null>,
  config: CertificateConfig,
): Promise<ProbeCertificate> {
  const [verified, sent] = await Promise.all([verifyHandshake, firstHostHandshake]);
  const chainDer = sent?.chain ?? [];
  const certificate: ProbeCertificate = {
    status: 'done',
    chain: chainDer.map(certInfo),
    verify: verified.attempt.ok
      ? { ok: verified.verifyError === null, error: verified.verifyError }
      : {
          ok: false,
          error:
            verified.attempt.error ??
            probeError(PROBE_ERROR_CODES.noHandshake, 'the verification handshake did not complete'),
        },
    hostname: hostnameCheck(config.host, sent ?? (verified.attempt.ok ? verified : null)),
    aia: null,
    ocspStapled: verified.attempt.ok ? verified.ocspStapled : null,
  };
  if (!verified.attempt.ok || chainDer.length === 0) certificate.status = 'error';
  const code = verified.verifyError?.code ?? '';
  const url = MISSING_ISSUER_CODES.includes(code) ? aiaUrlOf(chainDer) : null;
  // a stopped probe fetches nothing more
  if (url === null || config.signal.aborted) return certificate;

  const { aia, pems } = await fetchAia(url, config);
  certificate.aia = aia;
  if (pems.length > 0) {
    // Verify again with the fetched issuer offered alongside the roots (OpenSSL takes it as an
    // untrusted issuer it may chain through; it still has to reach a trusted root).
    const again = await tlsAttempt({
      address: config.address,
      port: config.port,
      servername: isIP(config.host) ? null : config.host,
      splitHello: false,
      context: createTlsContext({ trust: 'roots', extraCa: [...config.ca, ...pems] }),
      timeoutMs: config.timeoutMs,
      signal: config.signal,
    });
    aia.verify = again.attempt.ok
      ? { ok: again.verifyError === null, error: again.verifyError }
      : { ok: false, error: again.attempt.error };
  }
  return certificate;
}
