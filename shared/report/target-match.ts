/**
 * Whether the mini-program's observation and the outside probe looked at the same target, before
 * the two views are diagnosed together. Another host, scheme or port is another server: comparing
 * them would be comparing two different things (and agreement between them would raise the
 * confidence of a verdict about neither). Another path on the same origin is the same server, so it
 * is fine, but worth a note.
 */
import { parseUrl } from '../url/parse';
import type { Lang } from '../taxonomy/codes';

export type TargetMatch =
  | { kind: 'same' }
  | { kind: 'other-path'; clientPath: string; probePath: string }
  | { kind: 'other-target'; part: 'scheme' | 'host' | 'port'; client: string; probe: string }
  | { kind: 'unparseable'; side: 'client' | 'probe'; url: string };

/** wss:// is TLS on the same port as https:// (ws:// as http://): one server, one probe. */
const SCHEME_FAMILY: Record<string, string> = { https: 'https', wss: 'https', http: 'http', ws: 'http' };

/** The path (and query) of an absolute URL: what follows the authority, `/` when empty. */
export function urlPath(url: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*([^#]*)/.exec(url.trim());
  const rest = m?.[1] ?? '';
  return rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`;
}

export function compareTargets(clientUrl: string, probeUrl: string): TargetMatch {
  const client = parseUrl(clientUrl);
  if (!client) return { kind: 'unparseable', side: 'client', url: clientUrl };
  const probe = parseUrl(probeUrl);
  if (!probe) return { kind: 'unparseable', side: 'probe', url: probeUrl };
  const family = (scheme: string) => SCHEME_FAMILY[scheme] ?? scheme;
  if (family(client.scheme) !== family(probe.scheme))
    return { kind: 'other-target', part: 'scheme', client: client.scheme, probe: probe.scheme };
  const host = (h: string) => h.replace(/\.$/, '');
  if (host(client.host) !== host(probe.host))
    return { kind: 'other-target', part: 'host', client: client.host, probe: probe.host };
  if (client.port !== probe.port)
    return {
      kind: 'other-target',
      part: 'port',
      client: String(client.port ?? '-'),
      probe: String(probe.port ?? '-'),
    };
  const clientPath = urlPath(clientUrl);
  const probePath = urlPath(probeUrl);
  return clientPath === probePath ? { kind: 'same' } : { kind: 'other-path', clientPath, probePath };
}

const PART: Record<'scheme' | 'host' | 'port', [string, string]> = {
  scheme: ['协议', 'scheme'],
  host: ['主机', 'host'],
  port: ['端口', 'port'],
};

/** One line for the reader: why the two views cannot be diagnosed together, or the path note. */
export function targetMatchText(match: TargetMatch, clientUrl: string, probeUrl: string, lang: Lang): string {
  const zh = lang === 'zh';
  switch (match.kind) {
    case 'same':
      return '';
    case 'other-path':
      return zh
        ? `注意：手机视角测的是路径 ${match.clientPath}，服务器视角探测的是 ${match.probePath}（同一台服务器，按同一目标一起诊断）`
        : `note: the client view measured path ${match.clientPath}, the probe ${match.probePath} (same server, diagnosed together)`;
    case 'other-target': {
      const [partZh, partEn] = PART[match.part];
      return zh
        ? `客户端报告测的是另一个目标（${partZh} ${match.client}，而探测的是 ${match.probe}）：${clientUrl} 与 ${probeUrl} 不能放在一起诊断；请探测客户端报告里的 URL，或换一份针对这个 URL 的报告`
        : `the client report is for another target (${partEn} ${match.client}, the probe's is ${match.probe}): ${clientUrl} and ${probeUrl} cannot be diagnosed together; probe the report's URL, or use a report made for this URL`;
    }
    case 'unparseable':
      return zh
        ? `${match.side === 'client' ? '客户端报告' : '探测'}的 URL 无法解析：${match.url}`
        : `the ${match.side === 'client' ? "client report's" : "probe's"} URL cannot be parsed: ${match.url}`;
  }
}
