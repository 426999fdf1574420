/**
 * The TLS configurations the probe's handshakes use (trust, version bounds, ciphers), each made once
 * per probe and shared by every attempt that needs it. A shared context changes nothing on the wire:
 * Node's client never resumes a session unless handed one (`session`), and OpenSSL's internal session
 * cache is off in Node's contexts, so every ClientHello stays a fresh, full one carrying its SNI.
 */
import { createSecureContext, rootCertificates, type SecureContext, type SecureVersion } from 'node:tls';

export type TlsContextSpec = {
  /**
   * 'as-sent': trust nothing, to read the chain exactly as the server sent it;
   * 'roots': Node's bundled Mozilla roots plus `extraCa`, for the verification result.
   */
  trust: 'as-sent' | 'roots';
  /** PEM texts trusted on top of the roots (`--ca`, an AIA-fetched issuer); 'roots' only */
  extraCa?: string[];
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
};

/** Trusted contexts kept for the process: parsing ~140 PEM roots costs 7–45 ms per context. */
const TRUSTED_CONTEXTS_KEPT = 16;
const trustedContexts = new Map<string, SecureContext>();

/**
 * Whether a context made without `ca` gets, at its first `addCACert`, a store copied from exactly
 * Node's bundled roots. Node 20 makes that copy from the roots it parsed once per process
 * (`NewRootCertStore`: the bundled list, never NODE_EXTRA_CA_CERTS, which only the shared default
 * store holds), so it costs ~1 ms where parsing ~140 PEM roots again costs ~45 ms with Node 20's
 * OpenSSL 3.0 — for every probe run from the command line. Only where that holds: Node 20, neither
 * built nor started to use OpenSSL's own store instead (NODE_OPENSSL_CERT_STORE,
 * `openssl_system_ca_path`, `--use-openssl-ca`). Node 24's copy holds NODE_EXTRA_CA_CERTS too (and it
 * parses the explicit list in ~10 ms): it, and every other version, pass the roots explicitly.
 * tls-context.test.ts holds both paths to the same trust.
 */
function copiesBundledRoots(): boolean {
  if (process.versions.node.split('.')[0] !== '20') return false;
  const config = process.config as { target_defaults?: { defines?: string[] }; variables?: object };
  const variables = (config.variables ?? {}) as Record<string, unknown>;
  if (config.target_defaults?.defines?.includes('NODE_OPENSSL_CERT_STORE')) return false;
  if (variables.openssl_system_ca_path) return false;
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !flags.includes('--use-openssl-ca');
}

type NativeContext = { addCACert(pem: string): void };

/** See copiesBundledRoots: adding one bundled root again (no change in trust) makes the copy. */
function bundledCopy(versions: Omit<TlsContextSpec, 'trust' | 'extraCa'>, extra: string[]): SecureContext {
  const context = createSecureContext(versions);
  const native = (context as SecureContext & { context: NativeContext }).context;
  for (const pem of [rootCertificates[0] as string, ...extra]) native.addCACert(pem);
  return context;
}

/**
 * A context that trusts exactly Node's bundled Mozilla roots (`tls.rootCertificates`, the same list
 * under every Node version and root-store flag) plus `extraCa` — never NODE_EXTRA_CA_CERTS or the
 * system store, which a phone does not have. The roots are passed explicitly, except where Node's
 * own copy of them is known to be exactly them (copiesBundledRoots): on Node 24 a context made
 * without `ca` copies a default store that already holds NODE_EXTRA_CA_CERTS (Node 20 does not),
 * so the shortcut is Node 20's only. Made contexts are kept (bounded) for the process;
 * a context is immutable once made and Node's client never resumes a session it was not handed, so
 * sharing one changes nothing on the wire.
 */
function trustedContext(versions: Omit<TlsContextSpec, 'trust' | 'extraCa'>, extra: string[]): SecureContext {
  const key = JSON.stringify([versions.minVersion, versions.maxVersion, versions.ciphers, extra]);
  const kept = trustedContexts.get(key);
  if (kept) {
    trustedContexts.delete(key);
    trustedContexts.set(key, kept); // most recently used last
    return kept;
  }
  const context = copiesBundledRoots()
    ? bundledCopy(versions, extra)
    : createSecureContext({ ...versions, ca: [...rootCertificates, ...extra] });
  trustedContexts.set(key, context);
  if (trustedContexts.size > TRUSTED_CONTEXTS_KEPT) {
    trustedContexts.delete(trustedContexts.keys().next().value as string);
  }
  return context;
}

export function createTlsContext(spec: TlsContextSpec): SecureContext {
  const versions = {
    ...(spec.minVersion ? { minVersion: spec.minVersion } : {}),
    ...(spec.maxVersion ? { maxVersion: spec.maxVersion } : {}),
    ...(spec.ciphers ? { ciphers: spec.ciphers } : {}),
  };
  if (spec.trust === 'as-sent') return createSecureContext({ ...versions, ca: [] });
  return trustedContext(versions, spec.extraCa ?? []);
}

/** One context per distinct configuration, for the attempts of one probe. */
export class TlsContexts {
  private readonly made = new Map<string, SecureContext>();

  constructor(private readonly extraCa: string[]) {}

  get(spec: Omit<TlsContextSpec, 'extraCa'>): SecureContext {
    const key = [spec.trust, spec.minVersion ?? '', spec.maxVersion ?? '', spec.ciphers ?? ''].join('|');
    let context = this.made.get(key);
    if (!context) {
      context = createTlsContext({ ...spec, extraCa: this.extraCa });
      this.made.set(key, context);
    }
    return context;
  }
}
