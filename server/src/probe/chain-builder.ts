/**
 * The probe's own chain building, the way a client that completes chains over AIA does it (iOS,
 * desktop Chromium): from the leaf, issuer by issuer — a certificate the server sent, one fetched
 * over AIA, or a trust-store root — each link checked by name and signature (X509Certificate
 * `checkIssued` + `verify`). Sent and fetched certificates are only ever intermediates: the chain
 * counts as anchored only when it reaches a root of the trust store. A fetched self-signed root the
 * store does not hold ends it as untrusted (the bug this replaces trusted it). Records, never judges.
 */
import type { X509Certificate } from 'node:crypto';
import type { ProbeError, ProbeTrust } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import type { AiaAnswer, AiaFetch } from './aia-fetch';
import { caIssuerUrls, oneLine } from './cert-info';
import { AIA_MAX_FETCHES, CHAIN_MAX_DEPTH } from './limits';
import { probeError } from './raw-error';
import { issued, type TrustStore } from './trust-store';

/** Fetches one caIssuers URL within `timeoutMs`; null when chains are built without AIA. */
export type IssuerFetcher = (url: string, timeoutMs: number) => Promise<AiaAnswer>;

export type ChainBuildConfig = {
  store: TrustStore;
  fetchIssuers: IssuerFetcher | null;
  /** all AIA fetches together */
  timeoutMs: number;
  signal: AbortSignal;
};

export type BuiltChain = Omit<ProbeTrust, 'fetched'> & { fetched: X509Certificate[] };

type Link = ProbeTrust['path'][number];

function http(urls: readonly string[]): string[] {
  return urls.filter((url) => url.toLowerCase().startsWith('http:'));
}

export async function buildChain(sent: X509Certificate[], config: ChainBuildConfig): Promise<BuiltChain> {
  const fetched: X509Certificate[] = [];
  const fetches: AiaFetch[] = [];
  const deadline = performance.now() + config.timeoutMs;
  const leaf = sent[0];
  const path: Link[] = [];
  const result = (
    anchored: BuiltChain['anchored'],
    anchor: BuiltChain['anchor'],
    error: ProbeError | null,
  ) => ({
    anchored,
    anchor,
    path,
    error,
    fetched,
    fetches,
  });
  if (!leaf) return result(null, null, probeError(PROBE_ERROR_CODES.noHandshake, 'no certificate was sent'));

  const certOf = (link: Link) =>
    (link.from === 'sent' ? sent[link.index] : fetched[link.index]) as X509Certificate;
  const used = (cert: X509Certificate) =>
    path.some((link) => certOf(link).fingerprint256 === cert.fingerprint256);
  let link: Link = { from: 'sent', index: 0 };

  for (;;) {
    const current = certOf(link);
    const anchor = config.store.anchorFor(current);
    if (anchor) {
      if (!anchor.itself) path.push(link);
      const sentIndex =
        anchor.itself && link.from === 'sent'
          ? link.index
          : sent.findIndex((c) => c.fingerprint256 === anchor.cert.fingerprint256);
      const viaAia = path.some((l) => l.from === 'aia');
      return result(
        viaAia ? 'aia' : 'sent-chain',
        {
          subject: oneLine(anchor.cert.subject),
          fingerprint256: anchor.cert.fingerprint256,
          source: anchor.source,
          sentIndex: sentIndex >= 0 ? sentIndex : null,
        },
        null,
      );
    }
    path.push(link);
    if (issued(current, current)) {
      return result(
        null,
        null,
        probeError(
          PROBE_ERROR_CODES.chainUntrustedRoot,
          `the chain ends at ${oneLine(current.subject)}, self-signed and not in the trust store`,
        ),
      );
    }
    if (path.length >= CHAIN_MAX_DEPTH) {
      return result(
        null,
        null,
        probeError(PROBE_ERROR_CODES.aiaLimit, `no anchor within ${CHAIN_MAX_DEPTH} certificates`),
      );
    }
    const fromSent = sent.findIndex((c) => !used(c) && issued(current, c));
    if (fromSent >= 0) {
      link = { from: 'sent', index: fromSent };
      continue;
    }
    const fromFetched = fetched.findIndex((c) => !used(c) && issued(current, c));
    if (fromFetched >= 0) {
      link = { from: 'aia', index: fromFetched };
      continue;
    }
    const next = await fetchIssuer(current, config, deadline, fetched, fetches);
    if ('error' in next) return result(null, null, next.error);
    link = { from: 'aia', index: next.index };
  }
}

/** Follows `current`'s caIssuers URLs (bounded) until one gives its issuer. */
async function fetchIssuer(
  current: X509Certificate,
  config: ChainBuildConfig,
  deadline: number,
  fetched: X509Certificate[],
  fetches: AiaFetch[],
): Promise<{ index: number } | { error: ProbeError }> {
  const subject = oneLine(current.subject);
  const noIssuer = (why: string) => ({
    error: probeError(PROBE_ERROR_CODES.chainNoIssuer, `no issuer for ${subject}: ${why}`),
  });
  const urls = http(caIssuerUrls(current));
  if (!config.fetchIssuers) return noIssuer('not sent, not in the trust store (AIA not followed)');
  if (urls.length === 0) return noIssuer('not sent, not in the trust store, no http: caIssuers URL');
  for (const url of urls) {
    const left = deadline - performance.now();
    if (config.signal.aborted || fetches.length >= AIA_MAX_FETCHES || left <= 0) {
      const why = config.signal.aborted
        ? 'the probe was stopped'
        : `${AIA_MAX_FETCHES} fetches or the time budget used`;
      return { error: probeError(PROBE_ERROR_CODES.aiaLimit, `AIA not followed further: ${why}`) };
    }
    const answer = await config.fetchIssuers(url, Math.ceil(left));
    fetches.push(answer.fetch);
    const start = fetched.length;
    fetched.push(...answer.certificates);
    const found = answer.certificates.findIndex((c) => issued(current, c));
    if (found >= 0) return { index: start + found };
  }
  return noIssuer(`not sent, not in the trust store, not among what ${urls.length} AIA URL(s) gave`);
}
