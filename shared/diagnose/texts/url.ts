/** Texts for the URL family: `not-https` and `ip-or-localhost-url`. */
import { L, type Texts } from '../rule';

export function notHttpsSchemeTexts(scheme: string, url: string): Texts {
  const secure = scheme === 'ws' ? 'wss' : 'https';
  return {
    title: L(
      `URL 用的是 ${scheme}://，小程序只允许 ${secure}://`,
      `The URL uses ${scheme}://; mini-programs only allow ${secure}://`,
    ),
    explanation: L(
      `请求地址 ${url} 是明文的 ${scheme}://。微信小程序的 wx.request / uploadFile / downloadFile 只能访问 https://，connectSocket 只能访问 wss://；非 https 的地址在真机上会被直接拒绝（开发者工具里勾了“不校验合法域名”时才看似能用）。`,
      `The request URL ${url} is plain ${scheme}://. WeChat mini-programs only allow https:// for wx.request / uploadFile / downloadFile and wss:// for connectSocket; anything else is refused on the phone (it only seems to work in devtools with “do not verify domains” ticked).`,
    ),
    fix: L(
      `给服务器配置有效证书，在 443 端口提供 HTTPS，把代码里的地址改成 ${secure}://，并在 小程序后台 → 开发管理 → 开发设置 → 服务器域名 里登记 ${secure}:// 的域名。`,
      `Serve HTTPS on port 443 with a valid certificate, change the URL in the code to ${secure}://, and list the ${secure}:// domain under mp console → 开发管理 (Development) → 开发设置 (Settings) → 服务器域名 (Server domains).`,
    ),
  };
}

export function notHttpsPortTexts(host: string, port: number | null): Texts {
  const where = port === null ? host : `${host}:${port}`;
  return {
    title: L(`${where} 上跑的是明文 HTTP，不是 HTTPS`, `${where} speaks plain HTTP, not HTTPS`),
    explanation: L(
      `探测向 ${where} 发送 TLS ClientHello 后，收到的不是 TLS 记录而是 HTTP 文本（OpenSSL 报 “wrong version number” 一类的错误，服务器确实回了字节）。也就是说这个端口上监听的是普通 HTTP 服务，没有开 SSL。小程序要求 HTTPS，握手必然失败（手机上通常是 ERR_SSL_PROTOCOL_ERROR 或 ssl hand shake error）。`,
      `After the probe sent a TLS ClientHello to ${where}, the server answered with HTTP text instead of a TLS record (OpenSSL's “wrong version number” kind of error, with bytes from the server). The port runs a plain HTTP service without SSL. Mini-programs require HTTPS, so the handshake always fails (on phones usually ERR_SSL_PROTOCOL_ERROR or “ssl hand shake error”).`,
    ),
    fix: L(
      `在这个端口启用 TLS（nginx 写 listen ${port ?? 443} ssl; 并配置 ssl_certificate / ssl_certificate_key），或把 HTTPS 放在 443、HTTP 留在 80；确认反向代理/负载均衡的监听协议是 HTTPS 而不是 HTTP。`,
      `Enable TLS on this port (nginx: listen ${port ?? 443} ssl; plus ssl_certificate / ssl_certificate_key), or serve HTTPS on 443 and keep HTTP on 80; check that the reverse proxy / load balancer listener is HTTPS, not HTTP.`,
    ),
  };
}

export function ipOrLocalhostTexts(host: string, kind: string, numericForm: string | null): Texts {
  const what =
    kind === 'localhost'
      ? L('localhost', 'localhost')
      : numericForm
        ? L(`用 ${numericForm} 写法表示的 IP 地址`, `an IP address written in ${numericForm} form`)
        : L('IP 地址', 'an IP address');
  return {
    title: L(
      `URL 的主机是 ${what.zh}（${host}），微信不允许`,
      `The URL's host is ${what.en} (${host}); WeChat refuses it`,
    ),
    explanation: L(
      `小程序的服务器域名必须是经过 ICP 备案的域名，不能是 IP 地址或 localhost（只有在局域网通信场景下，基础库 2.4.0 起才允许访问局域网 IP）。这样的地址无法登记到服务器域名列表里，真机上会报 url not in domain list（errno 600002），开发者工具只有勾选“不校验合法域名”时才看似能用。`,
      `A mini-program's server domain must be an ICP-filed domain name, not an IP address or localhost (LAN IPs are allowed only for LAN communication, base library 2.4.0+). Such an address cannot be added to the server-domain list; on phones it fails with “url not in domain list” (errno 600002), and it only seems to work in devtools with “do not verify domains” ticked.`,
    ),
    fix: L(
      `给服务器绑定一个已备案的域名，配置该域名的 HTTPS 证书，把代码里的地址改成 https://域名/…，并在 小程序后台 → 开发管理 → 开发设置 → 服务器域名 里登记。`,
      `Give the server an ICP-filed domain name with an HTTPS certificate for it, use https://<domain>/… in the code, and list it under mp console → 开发管理 → 开发设置 → 服务器域名.`,
    ),
  };
}
