/**
 * The key facts of both views, raw, for the `unknown` verdict: when no rule fits, the reader gets
 * what was seen instead of a guess.
 */
import type { Context } from './context';
import { finalHop, measuredVariants } from './context';
import {
  clientAttemptLines,
  clientEnvLine,
  errorText,
  hopLine,
  quote,
  variantLine,
  versionLines,
} from './evidence';
import { dnsLine } from './rules/dns';

export function rawFacts(ctx: Context): string[] {
  const lines: string[] = [];
  const c = ctx.client;
  if (c) {
    lines.push(
      `client.url=${quote(c.doc.url)} api=${c.doc.api}`,
      clientEnvLine(c),
      ...clientAttemptLines(c.attempts),
    );
  } else lines.push('client: null');

  const p = ctx.probe;
  if (!p) {
    lines.push('probe: null');
    return lines;
  }
  const d = p.doc;
  const steps = Object.entries(d.steps ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  lines.push(`probe.url=${quote(d.url)} startedAt=${d.startedAt}${steps ? `; steps: ${steps}` : ''}`);
  if (d.target.error) lines.push(`probe.target.error=${quote(d.target.error)}`);
  if (d.dns)
    lines.push(
      dnsLine(d.dns) + (d.dns.answers.length ? ` [${d.dns.answers.map((a) => a.address).join(', ')}]` : ''),
    );
  if (p.outsideMissing) lines.push(`probe.policy: refused ${p.outsideMissing}`);
  for (const r of d.tcp?.results ?? [])
    lines.push(
      `probe.tcp.results ${r.address}:${r.port}: ok=${r.ok}${r.error ? ` ${errorText(r.error)}` : ''}`,
    );
  lines.push(...measuredVariants(p).map(variantLine));
  lines.push(...versionLines(d.tls?.versions ?? []));
  if (d.certificate)
    lines.push(
      `probe.certificate: verify.ok=${d.certificate.verify.ok}${d.certificate.verify.error ? ` ${errorText(d.certificate.verify.error)}` : ''} hostname.ok=${d.certificate.hostname.ok} chain=${d.certificate.chain.length}`,
    );
  const hop = finalHop(p);
  if (hop) lines.push(hopLine(hop, (d.http?.hops.length ?? 1) - 1));
  else if (d.http) lines.push(`probe.http status=${d.http.status} hops=0`);
  if (d.port80)
    lines.push(
      `probe.port80: status=${d.port80.status}${d.port80.statusCode !== null ? ` ${d.port80.statusCode}` : ''}${d.port80.server ? ` server=${quote(d.port80.server, 60)}` : ''}${d.port80.error ? ` ${errorText(d.port80.error)}` : ''}`,
    );
  return lines;
}
