/**
 * The HTTP side of ICP-filing filters: what Alibaba Cloud's and Tencent Cloud's in-path filters
 * answer on any plain-HTTP port when the Host header names a blocked domain (see
 * icp-interception-facts.md §3). Other Hosts reach the healthy backend.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';

export type BlockStyle = 'aliyun' | 'tencent';

/** The host in a Host header: no port, lower case, no trailing dot. */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  const trimmed = header.trim().toLowerCase();
  const host = trimmed.startsWith('[')
    ? trimmed.slice(0, trimmed.indexOf(']') + 1)
    : trimmed.replace(/:\d*$/, '');
  return host.replace(/\.$/, '');
}

/** A 20-digit id per domain, like the ones Alibaba Cloud's block link carries. */
export function aliyunBlockId(host: string): string {
  const digest = createHash('sha256').update(host).digest();
  return (digest.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, '0');
}

/** The Beaver page body as captured in the field (only the id differs per domain). */
export function aliyunBlockBody(host: string): string {
  return (
    '<html><title>Non-compliance ICP Filing</title><script>window.onload = function () {\n' +
    `  document.getElementById("mainFrame").src = "http://www.aliyun.com/beian/beian-block?id=${aliyunBlockId(host)}"; }\n` +
    '</script></html>\n'
  );
}

export function tencentBlockLocation(host: string): string {
  return `https://dnspod.qcloud.com/static/webblock.html?d=${host}`;
}

function answerBlocked(style: BlockStyle, host: string, res: http.ServerResponse): void {
  if (style === 'aliyun') {
    const body = aliyunBlockBody(host);
    res.writeHead(403, 'Forbidden', {
      Server: 'Beaver',
      'Content-Type': 'text/html',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  // Captured raw: `HTTP/1.1 302 OK`, `Connection: Keep-Alive`, the webblock Location.
  res.writeHead(302, 'OK', {
    Location: tencentBlockLocation(host),
    Connection: 'Keep-Alive',
    'Content-Length': 0,
  });
  res.end();
}

export function createBlockingHttpServer(options: {
  style: BlockStyle;
  blockedNames: ReadonlySet<string>;
  passthrough: http.RequestListener;
}): http.Server {
  return http.createServer((req, res) => {
    const host = hostOfHeader(req.headers.host);
    if (options.blockedNames.has(host)) answerBlocked(options.style, host, res);
    else options.passthrough(req, res);
  });
}
