/**
 * Address family: a cause that holds on some of the name's addresses only (`probe.addresses`, each
 * address measured on its own). Named with those addresses and their family, with `intermittent`
 * and the share affected; an address that refuses or drops while others answer is a finding too.
 * A TLS-level difference must be beyond chance (Fisher's exact test, differential.ts); certificate
 * and connect failures are not chance. When the phone's failing requests recorded `profile.peerIP`,
 * the verdict is about that address. The top-level rules keep judging the primary address.
 */
import type { AddressResult, ProbeError } from '../../observations/probe';
import type { Cause } from '../../taxonomy/codes';
import { CALIBRATION } from '../calibration';
import { normaliseIp, phonePeerIps, type Context } from '../context';
import { beyondChance, variantDifferential } from '../differential';
import { addressResultEvidence, addressShareEvidence, evidence as piece } from '../evidence';
import { candidate, type Candidate, type Rule } from '../rule';
import { addressShareTexts, addressTexts, type AddressGroups } from '../texts/address';
import { connectFailure } from './tcp';
import { MISSING_ISSUER } from './certificate';

type Problem = { cause: Cause; error: ProbeError | null };

const CERT_CODES: Record<string, Cause> = {
  CERT_HAS_EXPIRED: 'cert-expired',
  CERT_NOT_YET_VALID: 'cert-not-yet-valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'cert-self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'cert-untrusted-root',
};

/** The one cause an address shows, first failing step first; null when it answered cleanly. */
export function addressProblem(a: AddressResult): Problem | null {
  if (!a.tcp.ok) {
    const failure = connectFailure(a.tcp.error);
    if (failure === 'other') return null;
    return { cause: failure === 'refused' ? 'tcp-refused' : 'tcp-timeout', error: a.tcp.error };
  }
  if (a.tls && a.tls.total > 0 && a.tls.okCount === 0) {
    const resets = a.tls.attempts.every((t) => t.end === 'rst' || t.end === 'fin');
    return { cause: resets ? 'tls-reset' : 'tls-handshake-failure', error: a.tls.attempts[0]?.error ?? null };
  }
  const cert = a.certificate;
  if (cert && cert.status === 'done') {
    const code = cert.verify.error?.code ?? '';
    if (!cert.verify.ok) {
      const cause: Cause =
        CERT_CODES[code] ?? (MISSING_ISSUER.includes(code) ? 'cert-chain-incomplete' : 'cert-untrusted-root');
      return { cause, error: cert.verify.error };
    }
    if (!cert.hostname.ok) return { cause: 'cert-hostname-mismatch', error: cert.hostname.error };
  }
  const status = a.http?.statusCode ?? null;
  if (status !== null && status >= 500) return { cause: 'http-error-status', error: null };
  return null;
}

const TLS_CAUSES: readonly Cause[] = ['tls-reset', 'tls-handshake-failure'];

function partial(ctx: Context): Candidate[] {
  const addresses = ctx.outside?.doc.addresses ?? [];
  if (addresses.length < 2) return [];
  const problems = addresses.map(addressProblem);
  const good = addresses.filter((_, i) => problems[i] === null);
  if (good.length === 0 || good.length === addresses.length) return [];
  const C = CALIBRATION['address/some-addresses'];
  const peers = ctx.client ? [...phonePeerIps(ctx.client.failures).keys()] : [];
  const out: Candidate[] = [];
  const causes = [...new Set(problems.flatMap((p) => (p ? [p.cause] : [])))];
  for (const cause of causes) {
    const badIndexes = problems.flatMap((p, i) => (p?.cause === cause ? [i] : []));
    const bad = badIndexes.map((i) => addresses[i] as AddressResult);
    const badSet = new Set(bad.map((a) => normaliseIp(a.address)));
    const goodSet = new Set(good.map((a) => normaliseIp(a.address)));
    const peerBad = peers.find((ip) => badSet.has(ip));
    const peerGood = peers.find((ip) => goodSet.has(ip));
    const peer: AddressGroups['peer'] = peerBad
      ? { address: peerBad, bad: true }
      : peerGood
        ? { address: peerGood, bad: false }
        : null;
    const evidence = addresses.map((a, i) =>
      addressResultEvidence(i, a, problems[i]?.cause ?? null, problems[i]?.error ?? null),
    );
    let confidence: number = C.deterministic;
    if (TLS_CAUSES.includes(cause)) {
      const groupOf = (a: AddressResult) => ({ id: a.address, attempts: a.tls?.attempts ?? [] });
      const differential = variantDifferential(bad.map(groupOf), good.map(groupOf), 'failed');
      if (differential) evidence.push(piece('differential', '/probe/addresses', differential));
      confidence = beyondChance(differential) ? C.tlsBeyondChance : C.tlsWithinChance;
    }
    if (peer) confidence = peer.bad ? C.peerOnBad : C.peerOnGood;
    out.push(candidate(cause, confidence, 'probe', evidence, addressTexts(cause, { bad, good, peer })));
  }
  const affected = addresses.filter((_, i) => problems[i] !== null);
  out.push(
    candidate(
      'intermittent',
      CALIBRATION['address/some-addresses'].share,
      'probe',
      [addressShareEvidence(affected, addresses.length)],
      addressShareTexts(affected.length, addresses.length),
    ),
  );
  return out;
}

const someAddresses: Rule = { id: 'address/some-addresses', family: 'address', evaluate: partial };

export const addressRules: Rule[] = [someAddresses];
