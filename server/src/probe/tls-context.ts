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

/** Trusted contexts kept for the process: parsing ~140 PEM roots costs 7–23 ms per context. */
const TRUSTED_CONTEXTS_KEPT = 16;
const trustedContexts = new Map<string, SecureContext>();

/**
 * A context that trusts exactly Node's bundled Mozilla roots (`tls.rootCertificates`, the same list
 * under every Node version and root-store flag) plus `extraCa` — never NODE_EXTRA_CA_CERTS or the
 * system store, which a phone does not have. The roots are passed explicitly: on Node 24 a context
 * made without `ca` copies a default store that already holds NODE_EXTRA_CA_CERTS (Node 20 did not),
 * so no shortcut through the default store is safe. Made contexts are kept (bounded) for the process;
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
  const context = createSecureContext({ ...versions, ca: [...rootCertificates, ...extra] });
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
