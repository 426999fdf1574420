/**
 * Trust for the verification handshake: Node's bundled Mozilla roots plus the extra CAs given, and
 * nothing else — not another context's extra CAs, not NODE_EXTRA_CA_CERTS (Node 20 and 24 build their
 * default stores differently; these tests hold every Node version to it). And a context shared by
 * many attempts must not change what an SNI filter sees. Against the lab's healthy endpoint, whose
 * chain ends at the lab CA.
 */
import { execFile } from 'node:child_process';
import { KeyObject, webcrypto, X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls, { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { inspectClientHello } from '../../lab/client-hello';
import { startLab, type Lab, type LabEndpoint } from '../../lab/lab';
import { loadX509 } from '../../lab/pki';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';
import { tlsAttempt } from './tls-attempt';
import { createTlsContext, TlsContexts, type TlsContextSpec } from './tls-context';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

let lab: Lab;
let ok: LabEndpoint;
let guard: LoopbackGuard;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  lab = await startLab({ cases: ['ok'] });
  ok = lab.byCase('ok');
});

afterAll(async () => {
  await lab?.close();
  guard?.restore();
  expect(guard.violations).toEqual([]);
});

/** The extension types of a ClientHello, in order (RFC 8446 §4.1.2). */
function extensionTypes(hello: Buffer): number[] {
  let at = 5 + 4 + 2 + 32; // record header, handshake header, version, random
  at += 1 + (hello[at] ?? 0); // session id
  at += 2 + hello.readUInt16BE(at); // cipher suites
  at += 1 + (hello[at] ?? 0); // compression methods
  const end = at + 2 + hello.readUInt16BE(at);
  const types: number[] = [];
  for (at += 2; at < end; at += 4 + hello.readUInt16BE(at + 2)) types.push(hello.readUInt16BE(at));
  return types;
}

async function verifyWith(spec: TlsContextSpec) {
  const { attempt, verifyError } = await tlsAttempt({
    address: ok.address,
    port: ok.port,
    servername: ok.name,
    splitHello: false,
    context: createTlsContext(spec),
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });
  expect(attempt.ok).toBe(true);
  return verifyError;
}

describe('trust for the verification handshake', () => {
  it('trusts an extra CA on top of the roots, and only in the context it was given to', async () => {
    expect(await verifyWith({ trust: 'roots', extraCa: [lab.caPem] })).toBeNull();
    expect((await verifyWith({ trust: 'roots' }))?.code).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(await verifyWith({ trust: 'roots', extraCa: [lab.caPem] })).toBeNull();
    expect((await verifyWith({ trust: 'as-sent' }))?.code).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('trusts the bundled roots themselves (a leaf naming one as issuer reaches its signature check)', async () => {
    // No bundled root's key is at hand: a leaf that names one as its issuer, signed by another key,
    // fails the signature check when the store holds that root, and finds no issuer when it does not.
    const x509 = await loadX509();
    const keys = (await webcrypto.subtle.generateKey(EC, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    // an EC root (OpenSSL only considers an issuer whose key type fits the signature), not the first
    const ecRoot = rootCertificates
      .slice(1)
      .findLast((pem) => new X509Certificate(pem).publicKey.asymmetricKeyType === 'ec');
    const root = new x509.X509Certificate(ecRoot as string);
    const leaf = await x509.X509CertificateGenerator.create({
      subject: `CN=${ok.name}`,
      issuer: root.subjectName,
      publicKey: keys.publicKey as never,
      signingKey: keys.privateKey as never,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
    // `ca: []`: a server with a store would complete its chain from it and send the root itself
    const server = tls.createServer({ key, cert: leaf.toString('pem'), ca: [] }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const verify = async (spec: TlsContextSpec) => {
      const signal = new AbortController().signal;
      const context = createTlsContext(spec);
      const outcome = await tlsAttempt({
        address: '127.0.0.1',
        port,
        servername: ok.name,
        splitHello: false,
        context,
        timeoutMs: 5_000,
        signal,
      });
      expect(outcome.attempt.ok).toBe(true);
      return outcome.verifyError?.code;
    };
    try {
      expect(await verify({ trust: 'roots' })).toBe('CERT_SIGNATURE_FAILURE');
      expect(await verify({ trust: 'roots', extraCa: [lab.caPem] })).toBe('CERT_SIGNATURE_FAILURE');
      expect(await verify({ trust: 'as-sent' })).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('shares one context per configuration within a probe', () => {
    const contexts = new TlsContexts([lab.caPem]);
    expect(contexts.get({ trust: 'roots' })).toBe(contexts.get({ trust: 'roots' }));
    expect(contexts.get({ trust: 'as-sent' })).not.toBe(contexts.get({ trust: 'roots' }));
    expect(contexts.get({ trust: 'as-sent', maxVersion: 'TLSv1.2' })).not.toBe(
      contexts.get({ trust: 'as-sent' }),
    );
  });

  it('a context shared by many handshakes still sends a full ClientHello with its SNI', async () => {
    const hellos: Buffer[] = [];
    const capture = net.createServer((socket) =>
      socket.once('data', (chunk: Buffer) => {
        hellos.push(chunk);
        socket.destroy();
      }),
    );
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const capturePort = (capture.address() as net.AddressInfo).port;
    const signal = new AbortController().signal;
    const helloWith = async (context: ReturnType<typeof createTlsContext>) => {
      const spec = { servername: ok.name, splitHello: false, context, timeoutMs: 5_000, signal };
      await tlsAttempt({ ...spec, address: '127.0.0.1', port: capturePort });
      return hellos.at(-1) as Buffer;
    };
    try {
      const shared = new TlsContexts([]).get({ trust: 'as-sent' });
      // real handshakes first: the server hands out session tickets the context could keep
      for (let i = 0; i < 3; i++) {
        const { attempt } = await tlsAttempt({
          address: ok.address,
          port: ok.port,
          servername: ok.name,
          splitHello: false,
          context: shared,
          timeoutMs: 5_000,
          signal,
        });
        expect(attempt.ok).toBe(true);
      }
      const after = await helloWith(shared);
      const fresh = await helloWith(createTlsContext({ trust: 'as-sent' }));
      expect(inspectClientHello(after)).toMatchObject({ status: 'parsed', sni: ok.name });
      expect(after.length).toBe(fresh.length);
      expect(extensionTypes(after)).toEqual(extensionTypes(fresh));
      expect(extensionTypes(after)).not.toContain(41); // pre_shared_key: no resumption
    } finally {
      await new Promise((resolve) => capture.close(resolve));
    }
  });

  it('never trusts NODE_EXTRA_CA_CERTS, which clients of the target do not have', async () => {
    const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
    const caAt = ok.probeArgs.indexOf('--ca');
    const withoutCa = ok.probeArgs.filter((_, i) => i !== caAt && i !== caAt + 1);
    // asynchronous: the lab answers from this very process
    const probe = (args: string[]) =>
      new Promise<ProbeObservation>((resolve, reject) =>
        execFile(
          process.execPath,
          [bin, ...args, '--attempts', '1', '--raw'],
          { env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caFile }, timeout: 30_000 },
          (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as ProbeObservation)),
        ),
      );
    const [notGiven, given] = await Promise.all([probe(withoutCa), probe(ok.probeArgs)]);
    expect(notGiven.certificate?.verify).toMatchObject({
      ok: false,
      error: { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
    });
    expect(given.certificate?.verify).toEqual({ ok: true, error: null });
  });
});
