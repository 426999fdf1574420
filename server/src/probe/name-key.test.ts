/**
 * The trust store's coarse name key against OpenSSL's own name comparison: certificates made at
 * test time whose issuer names differ from their CA's subject only in case, whitespace, string type
 * or the order inside a multi-valued RDN are still issued by it for OpenSSL (`checkIssued`), and must
 * have the CA's key; and the lazily parsed bundled roots answer lookups as a full scan would.
 */
import { webcrypto, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { loadX509 } from '../../lab/pki';
import { nameKeyOf } from './name-key';
import { issued, trustStore } from './trust-store';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DAY_MS = 86_400_000;

type NameJson = Array<Record<string, Array<string | Record<string, string>>>>;

async function caAndLeaf(caName: NameJson, issuerName: NameJson) {
  const x509 = await loadX509();
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const dates = { notBefore: new Date(Date.now() - DAY_MS), notAfter: new Date(Date.now() + DAY_MS) };
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: caName as never,
    keys: keys as never,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    ...dates,
  });
  const leafKeys = (await webcrypto.subtle.generateKey(EC, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    subject: 'CN=leaf.name-key.wxprobe.test',
    issuer: issuerName as never,
    publicKey: leafKeys.publicKey as never,
    signingKey: keys.privateKey as never,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    ...dates,
  });
  return {
    ca: new X509Certificate(Buffer.from(ca.rawData)),
    caPem: ca.toString('pem'),
    leaf: new X509Certificate(Buffer.from(leaf.rawData)),
  };
}

const CA_NAME: NameJson = [{ C: ['CN'] }, { O: ['wxprobe lab'] }, { CN: ['Name Key Root CA'] }];

describe('the name key', () => {
  it.each<[string, NameJson]>([
    ['ASCII case and whitespace', [{ C: ['cn'] }, { O: ['  WXPROBE   lab '] }, { CN: ['name key root ca'] }]],
    [
      'string types (BMP, UTF-8, universal)',
      [
        { C: [{ printableString: 'CN' }] },
        { O: [{ bmpString: 'wxprobe lab' }] },
        { CN: [{ universalString: 'Name Key Root CA' }] },
      ],
    ],
  ])('gives OpenSSL-equal names (%s) the same key', async (_, issuerName) => {
    const { ca, leaf } = await caAndLeaf(CA_NAME, issuerName);
    // the premise: the names are encoded differently, and OpenSSL itself takes them as equal
    const bmp = Buffer.from('\0w\0x\0p\0r\0o\0b\0e', 'latin1');
    expect(leaf.issuer !== ca.subject || leaf.raw.includes(bmp)).toBe(true);
    expect(issued(leaf, ca)).toBe(true);
    expect(nameKeyOf(leaf.raw, 'issuer')).toBe(nameKeyOf(ca.raw, 'subject'));
  });

  it('tells different names apart, and a self-signed root has one key for issuer and subject', async () => {
    const { ca, leaf } = await caAndLeaf(CA_NAME, [
      { C: ['CN'] },
      { O: ['wxprobe lab'] },
      { CN: ['Other CA'] },
    ]);
    expect(issued(leaf, ca)).toBe(false);
    expect(nameKeyOf(leaf.raw, 'issuer')).not.toBe(nameKeyOf(ca.raw, 'subject'));
    expect(nameKeyOf(ca.raw, 'issuer')).toBe(nameKeyOf(ca.raw, 'subject'));
    expect(nameKeyOf(Buffer.from('not a certificate'), 'subject')).toBeNull();
  });
});

describe('the trust store over lazily parsed bundled roots', () => {
  it('finds every bundled root as its own anchor, the first of its subject in store order', () => {
    const store = trustStore([]);
    const roots = rootCertificates.map((pem) => new X509Certificate(pem));
    for (const root of roots) {
      const anchor = store.anchorFor(root);
      expect(anchor).toMatchObject({ source: 'bundled', itself: true });
      const scan = roots.find(
        (r) =>
          r.fingerprint256 === root.fingerprint256 ||
          (r.subject === root.subject && r.publicKey.equals(root.publicKey)),
      );
      expect(anchor?.cert.fingerprint256).toBe(scan?.fingerprint256);
    }
  });

  it('anchors a certificate at a --ca root whose name differs only in case and string type', async () => {
    const { caPem, leaf } = await caAndLeaf(CA_NAME, [
      { C: [{ utf8String: 'cn' }] },
      { O: [{ bmpString: 'WXPROBE LAB' }] },
      { CN: ['name key root ca'] },
    ]);
    expect(trustStore([caPem]).anchorFor(leaf)).toMatchObject({ source: 'ca-option', itself: false });
    expect(trustStore([]).anchorFor(leaf)).toBeNull();
  });
});
