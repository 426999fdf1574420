/**
 * The lab's certificates, made at start-up with @peculiar/x509 on Node's webcrypto (no external
 * binary). A root CA (what clients trust via `--ca`), an intermediate that signs the leaves, and a
 * second root nobody trusts. Leaves carry an AIA caIssuers URL on the lab's own HTTP server, as
 * public CAs do, so an incomplete chain can be completed the way browsers do it.
 *
 * Key generation is the slow part on 2 cores: every ECDSA leaf shares one P-256 key, and the only
 * RSA key (1024 bits, for the weak-key case) is made once, on first use.
 */
import { KeyObject, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import type * as X509 from '@peculiar/x509';

type X509Module = typeof X509;
let x509Module: Promise<X509Module> | null = null;

/** @peculiar/x509, loaded after the Reflect metadata polyfill it needs and set to use Node's webcrypto. */
export function loadX509(): Promise<X509Module> {
  x509Module ??= (async () => {
    // tsyringe (inside x509) needs Reflect metadata at load time; a static import would be hoisted
    // after x509 in the bundle, so the polyfill is loaded first, dynamically.
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    // Node's webcrypto is the DOM `Crypto` x509 types against (the DOM lib is not loaded here).
    x509.cryptoProvider.set(webcrypto as never);
    return x509;
  })();
  return x509Module;
}

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DAY_MS = 86_400_000;

/** Paths the AIA server serves (DER, application/pkix-cert). */
export const AIA_PATHS = {
  root: '/lab-root.cer',
  intermediate: '/lab-intermediate.cer',
  untrustedRoot: '/untrusted-root.cer',
} as const;

export type LeafSpec = {
  /** DNS names for the SAN; the first is also the CN. */
  names: string[];
  /** Who signs: the lab intermediate (normal), the untrusted root, or the leaf itself. */
  issuer: 'intermediate' | 'untrusted-root' | 'self';
  /** What the server sends: leaf + issuer(s) below the root, or the leaf alone. */
  chain: 'full' | 'leaf-only';
  notBefore?: Date;
  notAfter?: Date;
  /** RSA-1024 key and a SHA-1 signature: what clients reject as weak. */
  weak?: boolean;
  /**
   * false: no subjectAltName at all, the name only in the subject CN — what Node still accepts and
   * Chromium (since 58) and Apple (since iOS 13) refuse. Default true.
   */
  san?: boolean;
};

/** PEM key and certificate chain, ready for `tls.createSecureContext`. */
export type ServerCredentials = { key: string; cert: string; leafPem: string };

export type LabPki = {
  caPem: string;
  /** DER bodies by AIA path. */
  aiaFiles: ReadonlyMap<string, Buffer>;
  issue(spec: LeafSpec): Promise<ServerCredentials>;
};

type Authority = { cert: X509.X509Certificate; keys: CryptoKeyPair };

async function ecKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

async function rsa1024Keys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  ) as Promise<CryptoKeyPair>;
}

function pemOfKey(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

function signingAlgorithm(hash: 'SHA-256' | 'SHA-1') {
  return { name: 'ECDSA', hash } as const;
}

async function makeRoot(x509: X509Module, commonName: string, now: number): Promise<Authority> {
  const keys = await ecKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}, O=wxprobe lab`,
    keys,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    signingAlgorithm: signingAlgorithm('SHA-256'),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function makeIntermediate(
  x509: X509Module,
  root: Authority,
  aiaBaseUrl: string,
  now: number,
): Promise<Authority> {
  const keys = await ecKeys();
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=wxprobe lab intermediate CA, O=wxprobe lab',
    issuer: root.cert.subject,
    publicKey: keys.publicKey,
    signingKey: root.keys.privateKey,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 1825 * DAY_MS),
    signingAlgorithm: signingAlgorithm('SHA-256'),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root.keys.publicKey),
      new x509.AuthorityInfoAccessExtension({ caIssuers: `${aiaBaseUrl}${AIA_PATHS.root}` }),
    ],
  });
  return { cert, keys };
}

function sanOf(x509: X509Module, names: string[]) {
  return new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value })));
}

/**
 * Makes the lab PKI. `aiaBaseUrl` is `http://aia.lab.wxprobe.test:PORT` (no trailing slash): the
 * AIA server must be listening (or at least have its port) before the leaves are made.
 */
export async function makeLabPki(aiaBaseUrl: string, now = Date.now()): Promise<LabPki> {
  const x509 = await loadX509();
  const [root, untrustedRoot, leafKeys] = await Promise.all([
    makeRoot(x509, 'wxprobe lab root CA', now),
    makeRoot(x509, 'wxprobe lab untrusted root (trusted by nobody)', now),
    ecKeys(),
  ]);
  const intermediate = await makeIntermediate(x509, root, aiaBaseUrl, now);
  let weakKeys: Promise<CryptoKeyPair> | null = null;
  const leafKeyPem = pemOfKey(leafKeys.privateKey);

  const aiaFiles = new Map<string, Buffer>([
    [AIA_PATHS.root, Buffer.from(root.cert.rawData)],
    [AIA_PATHS.intermediate, Buffer.from(intermediate.cert.rawData)],
    [AIA_PATHS.untrustedRoot, Buffer.from(untrustedRoot.cert.rawData)],
  ]);

  async function issue(spec: LeafSpec): Promise<ServerCredentials> {
    const keys = spec.weak ? await (weakKeys ??= rsa1024Keys()) : leafKeys;
    const notBefore = spec.notBefore ?? new Date(now - DAY_MS);
    const notAfter = spec.notAfter ?? new Date(now + 90 * DAY_MS);
    const subject = `CN=${spec.names[0] ?? 'wxprobe lab'}, O=wxprobe lab`;
    const common = [
      ...(spec.san === false ? [] : [sanOf(x509, spec.names)]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ];

    if (spec.issuer === 'self') {
      // Shaped like `openssl req -x509` output: its own CA, signed by its own key.
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        name: subject,
        keys,
        notBefore,
        notAfter,
        signingAlgorithm: signingAlgorithm('SHA-256'),
        extensions: [new x509.BasicConstraintsExtension(true, undefined, true), ...common],
      });
      const pem = cert.toString('pem');
      return { key: pemOfKey(keys.privateKey), cert: pem, leafPem: pem };
    }

    const authority = spec.issuer === 'untrusted-root' ? untrustedRoot : intermediate;
    const aiaPath = spec.issuer === 'untrusted-root' ? AIA_PATHS.untrustedRoot : AIA_PATHS.intermediate;
    const usage = spec.weak
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature;
    const cert = await x509.X509CertificateGenerator.create({
      subject,
      issuer: authority.cert.subject,
      publicKey: keys.publicKey,
      signingKey: authority.keys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: signingAlgorithm(spec.weak ? 'SHA-1' : 'SHA-256'),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        ...common,
        await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
        new x509.AuthorityInfoAccessExtension({ caIssuers: `${aiaBaseUrl}${aiaPath}` }),
      ],
    });
    const leafPem = cert.toString('pem');
    // A server sends its chain without the trusted root; the untrusted chain sends its root so
    // that clients see a chain ending at an unknown root rather than a missing issuer.
    const chain =
      spec.chain === 'leaf-only'
        ? [leafPem]
        : spec.issuer === 'untrusted-root'
          ? [leafPem, untrustedRoot.cert.toString('pem')]
          : [leafPem, intermediate.cert.toString('pem')];
    return { key: spec.weak ? pemOfKey(keys.privateKey) : leafKeyPem, cert: chain.join('\n'), leafPem };
  }

  return { caPem: root.cert.toString('pem'), aiaFiles, issue };
}
