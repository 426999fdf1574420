/**
 * One AIA caIssuers fetch: http: only, the URL's host resolved and checked by the address policy and
 * the connection pinned to that address (pinned-http), the body capped. Returns what came back as
 * certificates — untrusted material for chain building, never a trust anchor.
 */
import type { X509Certificate } from 'node:crypto';
import type { ProbeError, ProbeTrust } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { AIA_MAX_BYTES } from './limits';
import { pinnedFetch } from './pinned-http';
import { probeError, rawError } from './raw-error';
import { certificatesIn } from './trust-store';

/** Resolves and policy-checks an AIA URL's host: the pinned address, or why not. */
export type AddressResolver = (url: URL) => Promise<{ address: string } | { error: ProbeError }>;

export type AiaFetch = ProbeTrust['fetches'][number];
export type AiaAnswer = { fetch: AiaFetch; certificates: X509Certificate[] };

export type AiaFetchConfig = {
  resolveAddress: AddressResolver;
  timeoutMs: number;
  signal: AbortSignal;
};

export async function fetchAia(url: string, config: AiaFetchConfig): Promise<AiaAnswer> {
  const failed = (error: AiaFetch['error'], bytes = 0): AiaAnswer => ({
    fetch: { url, bytes, certificates: 0, error },
    certificates: [],
  });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return failed(rawError(error));
  }
  if (parsed.protocol !== 'http:') {
    return failed(
      probeError(PROBE_ERROR_CODES.aiaUnsupported, `AIA over ${parsed.protocol} is not fetched (http: only)`),
    );
  }
  const target = await config.resolveAddress(parsed);
  if ('error' in target) return failed(target.error);
  const response = await pinnedFetch({
    url: parsed,
    address: target.address,
    method: 'GET',
    headers: { accept: 'application/pkix-cert, application/x-x509-ca-cert, */*' },
    timeoutMs: config.timeoutMs,
    bodyCap: AIA_MAX_BYTES,
    signal: config.signal,
  });
  const bytes = response.body.length;
  if (response.error) return failed(response.error, bytes);
  if (response.statusCode !== 200) {
    return failed(
      probeError(`HTTP_${response.statusCode}`, `AIA server answered ${response.statusCode}`),
      bytes,
    );
  }
  try {
    const certificates = certificatesIn(response.body);
    return { fetch: { url, bytes, certificates: certificates.length, error: null }, certificates };
  } catch (error) {
    return failed(
      probeError(
        PROBE_ERROR_CODES.aiaUnreadable,
        `not a DER or PEM certificate: ${(error as Error).message}`,
      ),
      bytes,
    );
  }
}
