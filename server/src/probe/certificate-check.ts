/**
 * Step 7, the certificate: the chain as the server sent it, its fields, verification against Node's
 * bundled Mozilla roots plus `--ca` WITHOUT AIA (what Android's Cronet does), the hostname check
 * apart, and the probe's own chain building (chain-builder.ts): does the sent chain reach a
 * trust-store root, and if not, do intermediates fetched over AIA (address policy + pinning,
 * bounded) make it reach one — AIA gives untrusted intermediates, never an anchor. Records, never
 * judges: which client accepts what is shared/diagnose/platform-profiles.ts's business.
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity } from 'node:tls';
import type { ProbeCertificate } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { fetchAia, type AddressResolver } from './aia-fetch';
import { certInfo } from './cert-info';
import { buildChain, type BuiltChain } from './chain-builder';
import { probeError, rawError } from './raw-error';
import type { TlsAttemptOutcome } from './tls-attempt';
import { trustStore } from './trust-store';

export type { AddressResolver } from './aia-fetch';

/** OpenSSL verify codes that mean "an issuer certificate is missing" (AIA might supply it). */
export const MISSING_ISSUER_CODES = [
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
];

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

function hostnameCheck(host: string, outcome: TlsAttemptOutcome | null): ProbeCertificate['hostname'] {
  if (!outcome?.peer)
    return { ok: false, error: probeError(PROBE_ERROR_CODES.noHandshake, 'no certificate to check') };
  const error = checkServerIdentity(host, outcome.peer);
  return error ? { ok: false, error: rawError(error) } : { ok: true, error: null };
}

/** The first AIA fetch in the older `aia` shape, its `verify` now the built chain's anchoring. */
function firstAia(built: BuiltChain): ProbeCertificate['aia'] {
  const first = built.fetches[0];
  if (!first) return null;
  return {
    url: first.url,
    fetched: first.error === null && first.certificates > 0,
    bytes: first.bytes,
    error: first.error,
    verify: built.fetched.length > 0 ? { ok: built.anchored !== null, error: built.error } : null,
  };
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
  if (chainDer.length === 0) return certificate;

  const built = await buildChain(
    chainDer.map((der) => new X509Certificate(der)),
    {
      store: trustStore(config.ca),
      // a stopped probe fetches nothing more
      fetchIssuers: config.signal.aborted
        ? null
        : (url, timeoutMs) => fetchAia(url, { ...config, timeoutMs: Math.min(timeoutMs, config.timeoutMs) }),
      timeoutMs: config.timeoutMs,
      signal: config.signal,
    },
  );
  certificate.trust = { ...built, fetched: built.fetched.map((c) => certInfo(c.raw)) };
  certificate.aia = firstAia(built);
  return certificate;
}
