/**
 * The trust store the probe's own chain building ends at: Node's bundled Mozilla roots
 * (`tls.rootCertificates`, the same list the verification handshake trusts, never
 * NODE_EXTRA_CA_CERTS or the system store) plus the roots the user gave with `--ca`.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { TrustAnchorSource } from '../../../shared/observations/vocabulary';

export type TrustAnchor = {
  cert: X509Certificate;
  source: TrustAnchorSource;
  /** the certificate asked about is this anchor itself (or a copy with its subject and key) */
  itself: boolean;
};

export type TrustStore = {
  /**
   * The anchor `cert` ends at: itself when the store holds it (or a root of the same subject and
   * key, as a cross-signed copy of a root is), else a store root that issued it (name and signature).
   */
  anchorFor(cert: X509Certificate): TrustAnchor | null;
};

/** Every certificate in a PEM text (any number of blocks) or one DER certificate. */
export function certificatesIn(body: Buffer | string): X509Certificate[] {
  const text = typeof body === 'string' ? body : body.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((pem) => new X509Certificate(pem));
  }
  return [new X509Certificate(typeof body === 'string' ? Buffer.from(body, 'latin1') : body)];
}

/** Whether `issuer` issued `cert`: names (and key identifiers) match and its key verifies the signature. */
export function issued(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (!cert.checkIssued(issuer)) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function spki(cert: X509Certificate): string {
  return cert.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A `--ca` text's certificates; one that does not parse trusts nothing (the TLS context refuses it too). */
function readable(pem: string): X509Certificate[] {
  try {
    return certificatesIn(pem);
  } catch {
    return [];
  }
}

/** Parsed once per process: ~140 roots cost 7–27 ms to parse. */
let bundled: X509Certificate[] | null = null;

export function trustStore(ca: readonly string[]): TrustStore {
  bundled ??= rootCertificates.map((pem) => new X509Certificate(pem));
  const anchors: Omit<TrustAnchor, 'itself'>[] = [
    ...bundled.map((cert) => ({ cert, source: 'bundled' as const })),
    ...ca.flatMap(readable).map((cert) => ({ cert, source: 'ca-option' as const })),
  ];
  return {
    anchorFor(cert) {
      const key = spki(cert);
      const same = anchors.find(
        (a) =>
          a.cert.fingerprint256 === cert.fingerprint256 ||
          (a.cert.subject === cert.subject && spki(a.cert) === key),
      );
      if (same) return { ...same, itself: true };
      const issuer = anchors.find((a) => issued(cert, a.cert));
      return issuer ? { ...issuer, itself: false } : null;
    },
  };
}
