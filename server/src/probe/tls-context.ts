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

type NativeContext = { addCACert(pem: string): void };

/** Flags under which Node's root store is not its bundled Mozilla list. */
const OTHER_ROOT_STORE_FLAGS = ['--use-openssl-ca', '--use-system-ca'];

function rootStoreIsBundled(): boolean {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return !OTHER_ROOT_STORE_FLAGS.some((flag) => flags.includes(flag));
}

export function createTlsContext(spec: TlsContextSpec): SecureContext {
  const versions = {
    ...(spec.minVersion ? { minVersion: spec.minVersion } : {}),
    ...(spec.maxVersion ? { maxVersion: spec.maxVersion } : {}),
    ...(spec.ciphers ? { ciphers: spec.ciphers } : {}),
  };
  const extra = spec.extraCa ?? [];
  if (spec.trust === 'as-sent') return createSecureContext({ ...versions, ca: [] });
  if (!rootStoreIsBundled()) {
    return createSecureContext({ ...versions, ca: [...rootCertificates, ...extra] });
  }
  // Trusted: exactly Node's bundled Mozilla roots plus `extraCa`, never NODE_EXTRA_CA_CERTS. Passing
  // `ca: [...rootCertificates]` would parse the ~140 PEM roots again for every such context (~20 ms
  // with OpenSSL 3). Node parses its bundled roots once per process (at start-up when
  // NODE_EXTRA_CA_CERTS is set, else on first use): no `ca` here, so Node hands out its root store,
  // and the first addCACert() gives this context its own copy of it, built from those parsed bundled
  // roots — a copy that leaves out NODE_EXTRA_CA_CERTS (tls-context.test.ts holds Node to that). With
  // no extra CA, adding one bundled root again (a no-op for trust) makes that copy.
  const context = createSecureContext(versions);
  const native = (context as SecureContext & { context: NativeContext }).context;
  for (const pem of extra.length > 0 ? extra : rootCertificates.slice(0, 1)) native.addCACert(pem);
  return context;
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
