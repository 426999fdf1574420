/**
 * The trust store the probe's own chain building ends at: Node's bundled Mozilla roots
 * (`tls.rootCertificates`, the same list the verification handshake trusts, never
 * NODE_EXTRA_CA_CERTS or the system store) plus the roots the user gave with `--ca`.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { TrustAnchorSource } from '../../../shared/observations/vocabulary';
import { nameKeyOf } from './name-key';

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

/** A bundled root: its PEM, its subject's name key (read from the DER), parsed only when a lookup needs it. */
type LazyRoot = { pem: string; subjectKey: string | null; cert: X509Certificate | null };

/** Indexed once per process; each root parsed at most once, when a lookup's key matches it. */
let bundled: LazyRoot[] | null = null;

function bundledRoots(): LazyRoot[] {
  bundled ??= rootCertificates.map((pem) => {
    // Node's base64 decoder skips the line breaks; the BEGIN / END lines are cut off
    const body = pem.slice(pem.indexOf('\n') + 1, pem.lastIndexOf('-----END'));
    return { pem, subjectKey: nameKeyOf(Buffer.from(body, 'base64'), 'subject'), cert: null };
  });
  return bundled;
}

/** The roots whose subject could match a name of key `key` (null: could be anything), in store order. */
function bundledMatching(key: string | null): X509Certificate[] {
  return bundledRoots()
    .filter((root) => key === null || root.subjectKey === null || root.subjectKey === key)
    .map((root) => (root.cert ??= new X509Certificate(root.pem)));
}

export function trustStore(ca: readonly string[]): TrustStore {
  const extra = ca.flatMap(readable).map((cert) => ({ cert, source: 'ca-option' as const }));
  /**
   * The store's anchors, bundled roots first, then `--ca`: of the bundled ones only those whose
   * subject's name key equals `key` (name-key.ts: equal names always have equal keys), so the
   * first match is the one a scan of the whole store would give.
   */
  const anchors = (key: string | null): Omit<TrustAnchor, 'itself'>[] => [
    ...bundledMatching(key).map((cert) => ({ cert, source: 'bundled' as const })),
    ...extra,
  ];
  return {
    anchorFor(cert) {
      const key = spki(cert);
      const same = anchors(nameKeyOf(cert.raw, 'subject')).find(
        (a) =>
          a.cert.fingerprint256 === cert.fingerprint256 ||
          (a.cert.subject === cert.subject && spki(a.cert) === key),
      );
      if (same) return { ...same, itself: true };
      const issuer = anchors(nameKeyOf(cert.raw, 'issuer')).find((a) => issued(cert, a.cert));
      return issuer ? { ...issuer, itself: false } : null;
    },
  };
}
