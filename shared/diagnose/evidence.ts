/**
 * Evidence lines: a pointer into the observations, then what it shows in raw terms (counts, codes,
 * field values, quoted raw texts). No prose in either language, so one line serves zh and en readers:
 *   probe.tls.variants[sni-host] sni=a.example: ok 1/10; 9× end=rst serverBytes=0 ECONNRESET
 */
import type { ProbeError, TlsAttempt, TlsVariant, HttpHop } from '../observations/probe';
import type { AttemptView, ClientFacts } from './context';

const MAX_RAW = 200;

export function quote(text: unknown, max = MAX_RAW): string {
  const s = typeof text === 'string' ? text : String(text);
  const flat = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

export function errorText(e: ProbeError | null | undefined): string {
  if (!e) return '';
  const parts = [e.code ?? '', e.syscall ? `syscall=${e.syscall}` : '', quote(e.message, 120)];
  return parts.filter((p) => p !== '').join(' ');
}

/** One attempt's ending in raw terms: `end=rst serverBytes=0 ECONNRESET`. */
export function attemptEnding(a: TlsAttempt): string {
  if (a.ok) return `ok ${a.protocol ?? ''}`.trim();
  const parts = [`end=${a.end}`, `serverBytes=${a.serverBytes}`];
  if (a.alert) parts.push(`alert=${a.alert.description}(${a.alert.code})`);
  if (a.error?.code) parts.push(a.error.code);
  return parts.join(' ');
}

/** Group failed attempts by how they ended: `9× end=rst serverBytes=0 ECONNRESET`. */
export function endingCounts(attempts: readonly TlsAttempt[]): string {
  const groups = new Map<string, number>();
  for (const a of attempts) {
    if (a.ok) continue;
    const parts = [`end=${a.end}`, a.serverBytes > 0 ? 'serverBytes>0' : 'serverBytes=0'];
    if (a.alert) parts.push(`alert=${a.alert.description}(${a.alert.code})`);
    if (a.error?.code) parts.push(a.error.code);
    const key = parts.join(' ');
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].map(([k, n]) => `${n}× ${k}`).join('; ');
}

export function variantLine(v: TlsVariant): string {
  const sni = v.sni === null ? 'sni=(none)' : `sni=${v.sni}`;
  const split = v.splitHello ? ' split' : '';
  const failed = endingCounts(v.attempts);
  return `probe.tls.variants[${v.id}] ${sni}${split}: ok ${v.okCount}/${v.total}${failed ? `; ${failed}` : ''}`;
}

/** The version sweep, attempts that ended alike on one line: `probe.tls.versions[TLSv1.1,TLSv1]: end=alert …`. */
export function versionLines(versions: ReadonlyArray<{ version: string; attempt: TlsAttempt }>): string[] {
  const groups = new Map<string, string[]>();
  for (const v of versions) {
    const ending = attemptEnding(v.attempt);
    groups.set(ending, [...(groups.get(ending) ?? []), v.version]);
  }
  return [...groups.entries()].map(([ending, names]) => `probe.tls.versions[${names.join(',')}]: ${ending}`);
}

export function hopLine(hop: HttpHop, index: number): string {
  const parts = [`probe.http.hops[${index}] ${hop.url}:`];
  if (hop.statusCode !== null) parts.push(String(hop.statusCode));
  const server = header(hop.headers, 'server');
  if (server) parts.push(`server=${quote(server, 60)}`);
  const location = header(hop.headers, 'location');
  if (location) parts.push(`location=${quote(location, 160)}`);
  if (hop.ttfbMs !== null) parts.push(`ttfbMs=${Math.round(hop.ttfbMs)}`);
  if (hop.error) parts.push(errorText(hop.error));
  return parts.join(' ');
}

export function header(headers: Record<string, string> | null | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return null;
}

/** `[0,2,5]` style index lists, compressed to ranges: `[0-4,7]`. */
export function indexList(indexes: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indexes.length) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === (indexes[j] ?? 0) + 1) j++;
    parts.push(j > i ? `${indexes[i]}-${indexes[j]}` : String(indexes[i]));
    i = j + 1;
  }
  return `[${parts.join(',')}]`;
}

/** Client attempts grouped by identical raw error: `client.attempts[0-2]: errno=600001 "…" → tcp/connection-reset`. */
export function clientAttemptLines(views: readonly AttemptView[]): string[] {
  const groups = new Map<string, number[]>();
  for (const v of views) {
    const a = v.attempt;
    let text: string;
    if (v.passed) text = `ok${typeof a.statusCode === 'number' ? ` statusCode=${a.statusCode}` : ''}`;
    else if (v.kind === 'http-status') text = `statusCode=${a.statusCode} → http/http-status`;
    else {
      const errno = a.errno === undefined || a.errno === null ? '' : `errno=${a.errno} `;
      text = `${errno}errMsg=${quote(a.errMsg ?? '')} → ${v.phase}/${v.kind}`;
    }
    const list = groups.get(text) ?? [];
    list.push(v.index);
    groups.set(text, list);
  }
  return [...groups.entries()].map(([text, idx]) => `client.attempts${indexList(idx)}: ${text}`);
}

export function clientRatioLine(c: ClientFacts): string {
  return `client.attempts: ok ${c.passes.length}/${c.attempts.length}`;
}

export function clientEnvLine(c: ClientFacts): string {
  const e = c.doc.env;
  return `client.env: platform=${e.platform} version=${e.version} SDKVersion=${e.SDKVersion} envVersion=${e.envVersion} networkType=${e.networkType} enableDebug=${e.enableDebug} domainCheck=${e.domainCheck}`;
}
