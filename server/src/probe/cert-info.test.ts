import { X509Certificate, webcrypto } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { loadX509 } from '../../lab/pki';
import { certInfo, signatureAlgorithmOf } from './cert-info';

/** One DER TLV (short lengths only: enough for the small extensions built here). */
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag, body.length]), body]);
}

/** A self-signed CA with the given extensions, as DER. */
async function caWith(
  extensions: (x509: Awaited<ReturnType<typeof loadX509>>) => unknown[],
): Promise<Buffer> {
  const x509 = await loadX509();
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=constrained test CA',
    keys,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), ...(extensions(x509) as never[])],
  });
  return Buffer.from(cert.rawData);
}

const roots = rootCertificates.map((pem) => new X509Certificate(pem).raw);

describe('certificate fields', () => {
  it('reads every bundled Mozilla root as a self-signed CA with a named signature algorithm', () => {
    expect(roots.length).toBeGreaterThan(50);
    for (const der of roots) {
      const info = certInfo(der);
      expect(info.isCA).toBe(true);
      expect(info.selfSigned).toBe(true);
      expect(info.signatureAlgorithm).toMatch(
        /^(sha\d+WithRSAEncryption|ecdsa-with-SHA\d+|rsassaPss|ED25519|ED448)$/,
      );
      expect(Date.parse(info.notBefore)).toBeLessThan(Date.parse(info.notAfter));
      expect(['rsa', 'ec', 'rsa-pss', 'ed25519', 'ed448']).toContain(info.keyType);
      expect(info.keyBits).toBeGreaterThanOrEqual(256);
    }
  });

  it('agrees with X509Certificate on subject, serial and fingerprint', () => {
    const der = roots[0] as Buffer;
    const cert = new X509Certificate(der);
    const info = certInfo(der);
    expect(info.fingerprint256).toBe(cert.fingerprint256);
    expect(info.serialNumber).toBe(cert.serialNumber);
    // one line, every RDN kept (Node escapes commas inside values as "\,")
    for (const rdn of cert.subject.split('\n').filter(Boolean)) expect(info.subject).toContain(rdn);
    expect(info.subject).not.toContain('\n');
  });

  it('reads the extended key usage OIDs, and null when there is no EKU extension', async () => {
    const withEku = await caWith((x509) => [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, '2.5.29.37.0']),
    ]);
    expect(certInfo(withEku).eku).toEqual(['1.3.6.1.5.5.7.3.2', '2.5.29.37.0']);
    expect(certInfo(await caWith(() => [])).eku).toBeNull();
  });

  it('reads name constraints: DNS and IP subtrees, permitted and excluded', async () => {
    const dns = (name: string) => tlv(0x30, tlv(0x82, Buffer.from(name, 'latin1')));
    const ip = (bytes: number[]) => tlv(0x30, tlv(0x87, Buffer.from(bytes)));
    const value = tlv(
      0x30,
      tlv(0xa0, dns('example.com'), ip([10, 0, 0, 0, 255, 0, 0, 0])),
      tlv(0xa1, dns('.bad.example.com')),
    );
    const der = await caWith((x509) => [new x509.Extension('2.5.29.30', true, value)]);
    expect(certInfo(der).nameConstraints).toEqual({
      permitted: ['DNS:example.com', 'IP:10.0.0.0/8'],
      excluded: ['DNS:.bad.example.com'],
    });
    expect(certInfo(await caWith(() => [])).nameConstraints).toBeNull();
  });

  it('says unknown rather than guessing when the DER is not a certificate', () => {
    expect(signatureAlgorithmOf(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toBe('unknown');
    expect(signatureAlgorithmOf(Buffer.alloc(0))).toBe('unknown');
  });
});
