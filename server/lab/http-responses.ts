/**
 * What the lab's HTTP(S) endpoints answer once a request gets through: the healthy JSON, the
 * error status, the redirects and the slow answer. Each is a plain `http.RequestListener`.
 */
import type http from 'node:http';
import { hostOfHeader } from './block-pages';

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = `${JSON.stringify(value)}\n`;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function redirect(res: http.ServerResponse, status: 301 | 302, location: string): void {
  res.writeHead(status, { Location: location, 'Content-Length': 0 });
  res.end();
}

/** 200 with a small JSON body naming the case: what a healthy API answers. */
export function healthy(caseName: string): http.RequestListener {
  return (req, res) => sendJson(res, 200, { lab: 'wxprobe', case: caseName, ok: true, path: req.url ?? '/' });
}

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** What nginx answers when its upstream is down. */
export function badGateway(): http.RequestListener {
  return (_req, res) => {
    res.writeHead(502, 'Bad Gateway', {
      Server: 'nginx',
      'Content-Type': 'text/html',
      'Content-Length': Buffer.byteLength(NGINX_502),
    });
    res.end(NGINX_502);
  };
}

/** 301 to a fixed URL (the redirect-to-http case: an http:// target). */
export function redirectTo(location: string, status: 301 | 302 = 301): http.RequestListener {
  return (_req, res) => redirect(res, status, location);
}

/** `/` → `/a` → `/b` → `/a` …: a loop no client gets out of. */
export function redirectLoop(): http.RequestListener {
  return (req, res) => redirect(res, 302, req.url === '/a' ? '/b' : '/a');
}

/** A plain-HTTP port as a healthy site has it: 301 to the https:// URL of the same host. */
export function upgradeToHttps(httpsPort: number): http.RequestListener {
  return (req, res) => {
    const host = hostOfHeader(req.headers.host) || 'localhost';
    const port = httpsPort === 443 ? '' : `:${httpsPort}`;
    redirect(res, 301, `https://${host}${port}${req.url ?? '/'}`);
  };
}

/** Answers after `delayMs` (a server slower than the client's timeout). */
export function slow(caseName: string, delayMs: number): http.RequestListener {
  const answer = healthy(caseName);
  return (req, res) => {
    const timer = setTimeout(() => answer(req, res), delayMs);
    res.once('close', () => clearTimeout(timer));
  };
}

/** A plain-HTTP server's answer (plain-http on the TLS port; the target of redirect-to-http). */
export function plainText(text: string): http.RequestListener {
  return (_req, res) => {
    const body = `${text}\n`;
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };
}
