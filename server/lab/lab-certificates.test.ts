import { X509Certificate } from 'node:crypto';
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab';
import { WRONG_HOST_CERT_NAME, casesInGroups } from './manifest';
import { loadX509 } from './pki';
import { curl, installed, labGet, opensslClient, targetOf, tlsAttempt } from './test-clients';

let lab: Lab;
let hasCurl = false;
let hasOpenssl = false;

beforeAll(async () => {
  lab = await startLab({
    cases: casesInGroups('baseline', 'certificate'),
    seed: 7,
  });
  [hasCurl, hasOpenssl] = await Promise.all([installed('curl'), installed('openssl')]);
});
afterAll(async () => lab?.close());

/** A handshake with the lab CA trusted, SNI = the case's name, verification recorded not enforced. */
function handshake(caseName: string, extra: tls.ConnectionOptions = {}) {
  const endpoint = lab.byCase(caseName);
  return tlsAttempt(targetOf(endpoint), {
    servername: endpoint.name,
    ca: lab.caPem,
    rejectUnauthorized: false,
    ...extra,
  });
}

function sansOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '').split(', ').map((entry) => entry.replace(/^DNS:/, ''));
}

describe('ok: the control', () => {
  it('completes TLS 1.3 and TLS 1.2, trusted by the lab CA', async () => {
    for (const version of ['TLSv1.3', 'TLSv1.2'] as const) {
      const outcome = await handshake('ok', { minVersion: version, maxVersion: version });
      expect(outcome.result).toBe('secure');
      expect(outcome.protocol).toBe(version);
      expect(outcome.authorized).toBe(true);
    }
  });

  it('sends the full chain: leaf and intermediate (seen without trusting the lab CA)', async () => {
    // With the lab CA trusted Node appends it to the peer chain; without it we see what was sent.
    const outcome = await handshake('ok', { ca: undefined });
    expect(outcome.authorized).toBe(false);
    expect(outcome.chain).toHaveLength(2);
    const [leaf, intermediate] = outcome.chain;
    expect(leaf?.checkIssued(intermediate!)).toBe(true);
    expect(intermediate?.checkIssued(new X509Certificate(lab.caPem))).toBe(true);
  });

  it('answers 200 with a small JSON body, through the lab DNS', async () => {
    const answer = await labGet(lab, lab.byCase('ok').url);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ case: 'ok', ok: true });
  });

  it('its plain-HTTP port redirects to https like a healthy site', async () => {
    const ok = lab.byCase('ok');
    const answer = await labGet(lab, `http://${ok.name}:${ok.httpPort}/x?y=1`);
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe(`https://${ok.name}:${ok.port}/x?y=1`);
  });

  it('curl fetches it with the lab CA', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    const result = await curl(lab, lab.byCase('ok'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ case: 'ok' });
  });
});

describe('certificate cases', () => {
  it('expired: the leaf really is past notAfter and verification says so', async () => {
    const outcome = await handshake('expired');
    expect(outcome.result).toBe('secure');
    const leaf = outcome.chain[0]!;
    expect(new Date(leaf.validTo).getTime()).toBeLessThan(Date.now());
    expect(new Date(leaf.validFrom).getTime()).toBeLessThan(new Date(leaf.validTo).getTime());
    expect(outcome.authorizationError).toBe('CERT_HAS_EXPIRED');
  });

  it('not-yet-valid: notBefore is in the future', async () => {
    const outcome = await handshake('not-yet-valid');
    const leaf = outcome.chain[0]!;
    expect(new Date(leaf.validFrom).getTime()).toBeGreaterThan(Date.now());
    expect(outcome.authorizationError).toBe('CERT_NOT_YET_VALID');
  });

  it('wrong-host: the chain is trusted but no SAN matches the host', async () => {
    const endpoint = lab.byCase('wrong-host');
    const chainOnly = await handshake('wrong-host', { checkServerIdentity: () => undefined });
    expect(chainOnly.authorized).toBe(true);
    const outcome = await handshake('wrong-host');
    expect(outcome.authorized).toBe(false);
    expect(outcome.authorizationError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const leaf = outcome.chain[0]!;
    expect(sansOf(leaf)).toEqual([WRONG_HOST_CERT_NAME]);
    expect(leaf.checkHost(endpoint.name)).toBeUndefined();
    await expect(labGet(lab, endpoint.url)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('self-signed: the leaf is its own issuer, and no CA vouches for it', async () => {
    const outcome = await handshake('self-signed');
    const leaf = outcome.chain[0]!;
    expect(outcome.chain).toHaveLength(1);
    expect(leaf.issuer).toBe(leaf.subject);
    expect(leaf.verify(leaf.publicKey)).toBe(true);
    expect(outcome.authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('untrusted-root: the chain ends at a root other than the lab CA, and fails verification', async () => {
    const outcome = await handshake('untrusted-root');
    expect(outcome.authorized).toBe(false);
    expect(outcome.authorizationError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    const [leaf, root] = outcome.chain;
    expect(root?.issuer).toBe(root?.subject);
    expect(leaf?.checkIssued(root!)).toBe(true);
    expect(root?.fingerprint256).not.toBe(new X509Certificate(lab.caPem).fingerprint256);
  });

  it('incomplete-chain: the server sends no intermediate; AIA serves the real issuer', async () => {
    const outcome = await handshake('incomplete-chain');
    expect(outcome.chain).toHaveLength(1);
    // OpenSSL's "unable to verify the first certificate": a lone leaf whose issuer is nowhere.
    expect(outcome.authorizationError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const leaf = outcome.chain[0]!;
    const aiaUrl = /CA Issuers - URI:(\S+)/.exec(leaf.infoAccess ?? '')?.[1];
    expect(aiaUrl).toBeDefined();
    expect(aiaUrl!.startsWith(lab.aia.baseUrl)).toBe(true);

    // The AIA URL names a lab host: labGet resolves it through the lab DNS.
    const fetched = await labGet(lab, aiaUrl!);
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-type']).toBe('application/pkix-cert');
    const intermediate = new X509Certificate(fetched.bytes);
    expect(intermediate.subject).toBe(leaf.issuer);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.ca).toBe(true);

    // With the fetched issuer supplied, the chain reaches the lab root.
    const completed = await handshake('incomplete-chain', { ca: [lab.caPem, intermediate.toString()] });
    expect(completed.authorized).toBe(true);
  });

  it('weak-key: RSA-1024 with a SHA-1 signature, rejected by a default client', async () => {
    const endpoint = lab.byCase('weak-key');
    const outcome = await handshake('weak-key', { ciphers: 'DEFAULT@SECLEVEL=0' });
    expect(outcome.result).toBe('secure');
    const leaf = outcome.chain[0]!;
    expect(leaf.publicKey.asymmetricKeyType).toBe('rsa');
    expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    const x509 = await loadX509();
    const parsed = new x509.X509Certificate(leaf.raw);
    expect(parsed.signatureAlgorithm).toMatchObject({ hash: { name: 'SHA-1' } });

    const strict = await tlsAttempt(targetOf(endpoint), { servername: endpoint.name, ca: lab.caPem });
    expect(strict.result).toBe('error');
    expect(strict.message).toMatch(/too weak|too small/i);
  });

  it('curl refuses each broken certificate with its own complaint', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    const expectations: [string, RegExp][] = [
      ['expired', /expired/i],
      ['not-yet-valid', /not yet valid|future/i],
      ['wrong-host', /subject alternative name|does not match|no alternative certificate subject name/i],
      ['self-signed', /self[- ]signed/i],
      ['untrusted-root', /self[- ]signed certificate in certificate chain/i],
      ['incomplete-chain', /unable to get local issuer certificate/i],
    ];
    for (const [caseName, complaint] of expectations) {
      const result = await curl(lab, lab.byCase(caseName));
      expect(result.code, caseName).toBe(60);
      expect(result.stderr, caseName).toMatch(complaint);
    }
  });

  it('openssl s_client reports the verify codes', async (ctx) => {
    if (!hasOpenssl) return ctx.skip();
    const expectations: [string, RegExp][] = [
      ['ok', /Verify return code: 0 \(ok\)/],
      ['expired', /Verify return code: 10 \(certificate has expired\)/],
      ['self-signed', /Verify return code: 18 /],
      ['untrusted-root', /Verify return code: 19 /],
      ['incomplete-chain', /Verify return code: 21 \(unable to verify the first certificate\)/],
    ];
    for (const [caseName, line] of expectations) {
      const result = await opensslClient(lab, lab.byCase(caseName));
      expect(result.stdout, caseName).toMatch(line);
    }
  });
});
