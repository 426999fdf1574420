/**
 * Step 2, DNS: A, AAAA and the CNAME chain through node:dns `Resolver` (the system's servers, or
 * `--dns-server`), with TTLs and raw rcode-level errors. `--resolve` overrides skip DNS like curl's.
 */
import { Resolver } from 'node:dns/promises';
import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';
import type { ProbeDns } from '../../../shared/observations/probe';
import { literalHostAddress } from '../target-policy/policy';
import { DNS_MAX_CNAME_DEPTH } from './limits';
import { rawError } from './raw-error';

export type ResolveOverride = { host: string; port: number | '*'; address: string };

export type DnsConfig = {
  dnsServer: string | null;
  resolve: readonly ResolveOverride[];
  timeoutMs: number;
  signal: AbortSignal;
};

type DnsError = ProbeDns['errors'][number];
type Answer = ProbeDns['answers'][number];

function family(address: string): 4 | 6 {
  return isIP(address) === 6 ? 6 : 4;
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) =>
    (domainToASCII(h.replace(/^\[|\]$/g, '')) || h).toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}

/** Addresses `--resolve` gives for host:port, or null when none applies. */
export function overrideAddresses(
  host: string,
  port: number,
  overrides: readonly ResolveOverride[],
): string[] | null {
  const hits = overrides.filter((o) => sameHost(o.host, host) && (o.port === '*' || o.port === port));
  return hits.length > 0 ? hits.map((o) => o.address.replace(/^\[|\]$/g, '')) : null;
}

function makeResolver(config: DnsConfig): Resolver {
  const resolver = new Resolver({ timeout: config.timeoutMs, tries: 1 });
  if (config.dnsServer) resolver.setServers([config.dnsServer]);
  return resolver;
}

async function query<T>(
  run: () => Promise<T>,
  rrtype: string,
  errors: DnsError[],
  ignore: string[] = [],
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    const raw = rawError(error);
    if (!ignore.includes(raw.code ?? '')) errors.push({ rrtype, code: raw.code, message: raw.message });
    return null;
  }
}

async function cnameChain(resolver: Resolver, host: string, errors: DnsError[]): Promise<string[]> {
  const chain: string[] = [];
  let name = host;
  while (chain.length < DNS_MAX_CNAME_DEPTH) {
    // ENODATA / ENOTFOUND on a CNAME query just mean "no (further) alias"
    const next = await query(() => resolver.resolveCname(name), 'CNAME', errors, ['ENODATA', 'ENOTFOUND']);
    const target = next?.[0];
    if (!target || chain.includes(target)) break;
    chain.push(target);
    name = target;
  }
  return chain;
}

/** Resolves (or looks up overrides / literals for) one host name. Never throws. */
export async function lookupHost(host: string, port: number, config: DnsConfig): Promise<ProbeDns> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const literal = literalHostAddress(host);
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (literal !== null || lower === 'localhost' || lower.endsWith('.localhost')) {
    // RFC 6761: localhost names are loopback without asking DNS (and WeChat never asks either).
    const addresses = literal !== null ? [literal] : ['127.0.0.1', '::1'];
    const answers = addresses.map((address) => ({ address, family: family(address), ttl: null }));
    return { status: 'done', source: 'literal', server: null, durationMs: 0, answers, cname: [], errors: [] };
  }
  const overridden = overrideAddresses(host, port, config.resolve);
  if (overridden) {
    const answers = overridden.map((address) => ({ address, family: family(address), ttl: null }));
    return {
      status: 'done',
      source: 'override',
      server: null,
      durationMs: 0,
      answers,
      cname: [],
      errors: [],
    };
  }
  if (config.signal.aborted) {
    // stopped already: no query is sent
    return {
      status: 'skipped',
      source: 'resolver',
      server: null,
      durationMs: 0,
      answers: [],
      cname: [],
      errors: [],
    };
  }
  const resolver = makeResolver(config);
  const cancel = () => resolver.cancel();
  config.signal.addEventListener('abort', cancel, { once: true });
  const errors: DnsError[] = [];
  try {
    const [v4, v6, cname] = await Promise.all([
      query(() => resolver.resolve4(host, { ttl: true }), 'A', errors),
      query(() => resolver.resolve6(host, { ttl: true }), 'AAAA', errors),
      cnameChain(resolver, host, errors),
    ]);
    const answers: Answer[] = [
      ...(v4 ?? []).map((r) => ({ address: r.address, family: 4 as const, ttl: r.ttl })),
      ...(v6 ?? []).map((r) => ({ address: r.address, family: 6 as const, ttl: r.ttl })),
    ];
    const timedOut = errors.some((e) => e.code === 'ETIMEOUT' || e.code === 'ECANCELLED');
    return {
      status: answers.length > 0 ? 'done' : timedOut ? 'timeout' : 'error',
      source: 'resolver',
      server: resolver.getServers().join(',') || null,
      durationMs: elapsed(),
      answers,
      cname,
      errors,
    };
  } finally {
    config.signal.removeEventListener('abort', cancel);
  }
}
