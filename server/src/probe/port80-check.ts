/**
 * Step 9, the plain-HTTP check on port 80 (or `httpPort`) with the same Host: status, Server,
 * Location and <title> — the raw material to recognise cloud ICP block pages (Alibaba Cloud's 403
 * "Server: Beaver", Tencent Cloud's 302 to dnspod webblock). One request, no redirects followed.
 */
import type { ProbePort80 } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { PORT80_BODY_SAMPLE_BYTES } from './limits';
import { pinnedFetch } from './pinned-http';

export type Port80Config = {
  host: string;
  hostIsIpv6: boolean;
  port: number;
  path: string;
  address: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
};

const TITLE_MAX_CHARS = 300;

export function titleOf(html: string): string | null {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!match) return null;
  return (match[1] ?? '').replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX_CHARS);
}

export async function checkPort80(config: Port80Config): Promise<ProbePort80> {
  const host = config.hostIsIpv6 ? `[${config.host}]` : config.host;
  const url = new URL(`http://${host}:${config.port}${config.path || '/'}`);
  const response = await pinnedFetch({
    url,
    address: config.address,
    method: 'GET',
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    bodyCap: PORT80_BODY_SAMPLE_BYTES,
    signal: config.signal,
  });
  const body = response.body.toString('utf8');
  const timedOut =
    response.error?.code === PROBE_ERROR_CODES.timeout || response.error?.code === 'UND_ERR_HEADERS_TIMEOUT';
  return {
    status: response.statusCode !== null ? 'done' : timedOut ? 'timeout' : 'error',
    address: config.address,
    statusCode: response.statusCode,
    server: response.headers.server ?? null,
    location: response.headers.location ?? null,
    title: titleOf(body),
    headers: response.headers,
    bodySample: body,
    error: response.error,
  };
}
