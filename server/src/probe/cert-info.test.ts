import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { certInfo, signatureAlgorithmOf } from './cert-info';

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

  it('says unknown rather than guessing when the DER is not a certificate', () => {
    expect(signatureAlgorithmOf(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toBe('unknown');
    expect(signatureAlgorithmOf(Buffer.alloc(0))).toBe('unknown');
  });
});
