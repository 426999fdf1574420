/**
 * describeClass: what a classified client error means and what to check next, in Chinese (default)
 * or English. Text only, keyed by kind (every kind of the taxonomy has an entry: the Record type makes
 * a missing one a compile error), plus the code's own wording when the kind is `unknown`.
 */
import type { Kind, Lang, Localized } from '../taxonomy/codes';
import { chromiumErrorByName } from './chromium-net-errors';
import type { ClientErrorClass } from './types';
import { wechatErrnoText } from './wechat-errno';

type KindText = { meaning: Localized; hint: Localized };

export const KIND_TEXTS: Record<Kind, KindText> = {
  'not-in-domain-list': {
    meaning: {
      zh: '客户端拒绝了这个 URL：它的域名不在小程序后台配置的服务器域名列表里（或协议、端口与配置不一致）。',
      en: "The client refused the URL: its domain is not in the mini-program's server-domain list (or the scheme or port differ from what is listed).",
    },
    hint: {
      zh: '在「小程序后台 → 开发管理 → 开发设置 → 服务器域名」中把该域名加入对应接口（request/socket/uploadFile/downloadFile）的合法域名，子域名、端口须完全一致；改后刷新项目配置或重新进入小程序。',
      en: 'Add the exact domain (subdomain and port included) to the matching list (request/socket/uploadFile/downloadFile) under mp console → Development → Server domains, then refresh the project config or reopen the mini-program.',
    },
  },
  'invalid-url': {
    meaning: {
      zh: 'URL 本身不合法，或被客户端拒绝：格式错误、不是 https/wss、主机是 IP 或 localhost。',
      en: 'The URL is malformed or refused by the client: bad syntax, not https/wss, or an IP/localhost host.',
    },
    hint: {
      zh: '检查 URL：必须是完整的 https://（WebSocket 为 wss://）地址，不含空格，主机用已备案的域名而不是 IP 或 localhost。',
      en: 'Check the URL: a complete https:// (wss:// for sockets) address without spaces, with a filed domain name as host, not an IP or localhost.',
    },
  },
  'name-not-resolved': {
    meaning: {
      zh: '域名解析失败：手机所用的 DNS 没有返回这个域名的地址。',
      en: "DNS failed: the phone's resolver returned no address for the host name.",
    },
    hint: {
      zh: '确认域名拼写正确、A/AAAA 记录已生效；在手机所用的网络上（Wi-Fi 与 4G/5G 分别）解析一次该域名。',
      en: 'Check the spelling and that the A/AAAA records exist and have propagated; resolve the name from the same network as the phone (Wi-Fi and cellular).',
    },
  },
  'httpdns-failure': {
    meaning: {
      zh: 'HttpDNS（移动解析）服务出错：未购买、额度用尽、过期或服务商返回异常。',
      en: 'The HttpDNS service failed: not bought, quota used up, expired, or the provider answered badly.',
    },
    hint: {
      zh: '在微信服务市场检查 HttpDNS 服务的购买、额度与 httpDNSServiceId；额度用尽时会回退到 LocalDNS。',
      en: 'Check the HttpDNS purchase, quota and httpDNSServiceId in the WeChat service market; an exhausted quota falls back to local DNS.',
    },
  },
  'connection-refused': {
    meaning: {
      zh: 'TCP 连接被拒绝：服务器地址可达，但该端口上没有服务在监听（收到 RST）。',
      en: 'The TCP connection was refused: the address answers but nothing listens on the port (RST).',
    },
    hint: {
      zh: '确认服务在 443（或配置的端口）上监听，负载均衡/反向代理的监听器已配置，域名解析到的是正确的服务器。',
      en: 'Check that the service listens on 443 (or the configured port), that the load balancer/reverse proxy has a listener, and that DNS points at the right server.',
    },
  },
  'connection-timeout': {
    meaning: {
      zh: 'TCP 连接超时：发出的 SYN 没有得到任何应答。',
      en: 'The TCP connection timed out: the SYN got no answer.',
    },
    hint: {
      zh: '检查安全组/防火墙是否放行该端口，服务器 IP 是否正确、是否在线；从外部探测该地址（wxprobe probe）。',
      en: 'Check that the security group/firewall allows the port and that the server IP is right and up; probe it from outside (wxprobe probe).',
    },
  },
  'address-unreachable': {
    meaning: {
      zh: '地址不可达：手机所在网络没有到该地址的路由。',
      en: "The address is unreachable: the phone's network has no route to it.",
    },
    hint: {
      zh: '常见于刚切换网络或只有 IPv6/IPv4 一侧可用：检查域名解析出的地址与手机网络，切换 Wi-Fi/移动网络后重试。',
      en: 'Common right after a network switch or when only IPv4 or IPv6 works: check the resolved addresses and the phone network, retry on Wi-Fi and on cellular.',
    },
  },
  'connection-reset': {
    meaning: {
      zh: '连接被重置（RST）或中途断开。',
      en: 'The connection was reset (RST) or broke off.',
    },
    hint: {
      zh: '若在 TLS 握手（ClientHello）后立即被重置，常见于云厂商对未备案域名按 SNI 拦截：检查 ICP 备案，并从外部用不同 SNI 探测；也检查 WAF/防火墙与代理。',
      en: 'If the reset comes right after the TLS ClientHello, a cloud provider may be blocking an unfiled domain by SNI: check the ICP filing and probe from outside with different SNIs; also check WAF/firewall and proxies.',
    },
  },
  'connection-closed': {
    meaning: {
      zh: '服务器没有返回任何数据就关闭了连接（FIN）。',
      en: 'The server closed the connection (FIN) without sending any data.',
    },
    hint: {
      zh: '检查端口上跑的是否是 HTTPS/WSS，反向代理/负载均衡的后端是否正常，WebSocket 路径与 Upgrade 配置是否正确。',
      en: 'Check that the port speaks HTTPS/WSS, that the reverse proxy/load balancer backend is healthy, and the WebSocket path and Upgrade settings.',
    },
  },
  'ssl-handshake': {
    meaning: {
      zh: 'TLS 握手失败：客户端与服务器没能建立安全连接。',
      en: 'The TLS handshake failed: client and server could not set up a secure connection.',
    },
    hint: {
      zh: '用 openssl s_client -connect 域名:443 -servername 域名 检查证书链、协议版本与 SNI；也可能是端口上跑的是 HTTP，或未备案域名被拦截。',
      en: 'Check the chain, TLS versions and SNI with openssl s_client -connect host:443 -servername host; the port may also speak plain HTTP, or an unfiled domain may be blocked.',
    },
  },
  'ssl-version-or-cipher': {
    meaning: {
      zh: '客户端与服务器没有共同支持的 TLS 版本或加密套件（微信要求 TLS 1.2 及以上）。',
      en: 'Client and server share no TLS version or cipher suite (WeChat requires TLS 1.2 or later).',
    },
    hint: {
      zh: '在服务器上启用 TLS 1.2 和 TLS 1.3 以及常见的 ECDHE-GCM 加密套件。',
      en: 'Enable TLS 1.2 and TLS 1.3 and common ECDHE-GCM cipher suites on the server.',
    },
  },
  'cert-authority-invalid': {
    meaning: {
      zh: '证书不被信任：签发机构不在手机的信任列表里——常见原因是缺少中间证书，或使用了自签名证书。',
      en: "The certificate is not trusted: its issuer is not in the phone's trust store — usually missing intermediates or a self-signed certificate.",
    },
    hint: {
      zh: '在服务器上部署完整证书链（fullchain，含中间证书），不要使用自签名证书；用 myssl.com 或 openssl 检查证书链。',
      en: 'Serve the full chain (fullchain, with intermediates) and no self-signed certificate; check the chain with myssl.com or openssl.',
    },
  },
  'cert-date-invalid': {
    meaning: {
      zh: '证书已过期或尚未生效（也可能是手机时间不对）。',
      en: "The certificate has expired or is not yet valid (or the phone's clock is wrong).",
    },
    hint: {
      zh: '检查证书的有效期（notBefore/notAfter）并及时续期，同时确认手机的日期和时间正确。',
      en: "Check the certificate's notBefore/notAfter and renew it; also check the phone's date and time.",
    },
  },
  'cert-name-invalid': {
    meaning: {
      zh: '证书上的域名与请求的域名不一致。',
      en: 'The certificate does not name the requested host.',
    },
    hint: {
      zh: '确认证书的 SAN 包含请求的完整域名（注意 www 与其他子域名，通配符只匹配一级）。',
      en: "Make sure the certificate's SAN covers the exact host (mind www and other subdomains; a wildcard covers one level only).",
    },
  },
  'cert-invalid': {
    meaning: {
      zh: '证书本身有问题：被吊销、签名算法或密钥太弱、格式错误等。',
      en: 'The certificate itself is faulty: revoked, weak signature or key, malformed, or similar.',
    },
    hint: {
      zh: '重新签发符合要求的证书（RSA ≥ 2048 或 ECDSA，SHA-256 签名），用 myssl.com 检查。',
      en: 'Reissue a compliant certificate (RSA ≥ 2048 or ECDSA, SHA-256 signature) and check it with myssl.com.',
    },
  },
  timeout: {
    meaning: {
      zh: '请求在超时时间内没有完成。',
      en: 'The request did not finish within the timeout.',
    },
    hint: {
      zh: '检查服务器响应时间和 timeout 设置（默认 60 秒），以及手机网络质量；从外部探测服务器是否可达。',
      en: 'Check server response time and the timeout setting (60 s by default), and the phone network; probe the server from outside.',
    },
  },
  offline: {
    meaning: {
      zh: '手机当前没有可用的网络连接。',
      en: 'The phone has no usable network connection.',
    },
    hint: {
      zh: '检查手机网络、飞行模式，以及系统设置里是否允许微信使用无线局域网与蜂窝数据。',
      en: 'Check the phone network, airplane mode, and whether WeChat may use Wi-Fi and cellular data in the system settings.',
    },
  },
  proxy: {
    meaning: {
      zh: '手机或电脑上的代理/VPN 连接失败。',
      en: 'The proxy/VPN on the phone or PC failed.',
    },
    hint: {
      zh: '关闭代理或 VPN 后重试（wx.getNetworkType 的 hasSystemProxy 可判断）；开启 HttpDNS 时遇到代理也会失败。',
      en: 'Retry with the proxy or VPN off (wx.getNetworkType reports hasSystemProxy); HttpDNS combined with a proxy also fails.',
    },
  },
  aborted: {
    meaning: {
      zh: '请求被取消了（调用了 abort()，或页面/任务被关闭）。',
      en: 'The request was cancelled (abort() was called, or the page/task went away).',
    },
    hint: {
      zh: '通常不是网络问题：检查代码中是否调用了 RequestTask/DownloadTask.abort()。',
      en: 'Usually not a network problem: check where the code calls RequestTask/DownloadTask.abort().',
    },
  },
  'too-many-requests': {
    meaning: {
      zh: '同时发起的请求超过了微信的并发上限。',
      en: "More requests were in flight than WeChat's concurrency limit allows.",
    },
    hint: {
      zh: 'request/uploadFile/downloadFile 最多同时 10 个，WebSocket 最多 5 个：排队发送或减少并发。',
      en: 'request/uploadFile/downloadFile allow 10 at a time and WebSocket 5: queue the calls or send fewer at once.',
    },
  },
  interrupted: {
    meaning: {
      zh: '小程序进入后台后请求被中断（退到后台 5 秒内未完成）。',
      en: 'The request was interrupted because the mini-program went to the background (unfinished 5 s later).',
    },
    hint: {
      zh: '回到前台后重试；需要后台完成的请求应尽量缩短耗时。',
      en: 'Retry once back in the foreground; keep requests that may run into the background short.',
    },
  },
  'network-changed': {
    meaning: {
      zh: '网络发生切换（如 Wi-Fi 与蜂窝之间），微信取消了正在进行的请求。',
      en: 'The network changed (e.g. Wi-Fi ↔ cellular) and WeChat cancelled the running requests.',
    },
    hint: {
      zh: '这是客户端行为：用 wx.onNetworkChange 监听网络变化后重试。',
      en: 'Client behaviour: listen with wx.onNetworkChange and retry.',
    },
  },
  'invalid-request': {
    meaning: {
      zh: '调用本身有误：参数错误、URL 缺少协议、data 无法序列化等。',
      en: 'The call itself was malformed: bad parameters, a URL without scheme, data that cannot be serialised, and so on.',
    },
    hint: {
      zh: '检查调用参数：url 以 https:// 开头且没有前导空格，data 可以被 JSON 序列化，参数类型正确。',
      en: 'Check the call: the url starts with https:// without leading spaces, data serialises as JSON, parameter types are right.',
    },
  },
  'local-file': {
    meaning: {
      zh: '失败发生在本地文件这一步，不是网络：要上传的文件不存在或已被回收、保存路径无权限、文件超出大小限制或为空。',
      en: 'A local file step failed, not the network: the file to upload is missing or was cleaned up, the save path is not writable, or the file is too large or empty.',
    },
    hint: {
      zh: '确认 filePath 仍然存在：临时文件可能已被回收，选中后尽快保存到 wx.env.USER_DATA_PATH 下；保存路径须可写、空间未满。',
      en: 'Check that filePath still exists: temp files can be cleaned up, so save them under wx.env.USER_DATA_PATH right after choosing; a save path must be writable and have room.',
    },
  },
  'socket-not-open': {
    meaning: {
      zh: '在 WebSocket 未打开时使用了它：连接尚未建立（onOpen 之前）、正在关闭或已经关闭。这说明的是调用时机，不是连接失败的原因。',
      en: 'The WebSocket was used while not open: before onOpen, while closing, or after it closed. This is about timing, not why a connection failed.',
    },
    hint: {
      zh: '在 onOpen 之后再发送，断开（onClose/onError）后重连；连接本身为何失败，看 onError 给出的错误。',
      en: 'Send only after onOpen and reconnect after onClose/onError; why the connection itself failed is in the onError error.',
    },
  },
  'too-many-redirects': {
    meaning: {
      zh: '重定向次数过多或形成循环。',
      en: 'Too many redirects, or a redirect loop.',
    },
    hint: {
      zh: '检查服务器的 301/302 链（如 http↔https、带不带 www 互相跳转）；重定向的目标域名也要在合法域名列表里。',
      en: 'Check the 301/302 chain (http↔https, www ↔ bare domain loops); redirect targets must be in the domain list too.',
    },
  },
  'response-decode': {
    meaning: {
      zh: '响应已经到达手机，但无法按要求解码（如按文本/UTF-8 解码二进制内容）。',
      en: 'The response reached the phone but could not be decoded as asked (e.g. binary content decoded as UTF-8 text).',
    },
    hint: {
      zh: '二进制内容请设置 responseType: "arraybuffer"；检查 Content-Type、字符集与压缩编码。',
      en: 'Use responseType: "arraybuffer" for binary content; check Content-Type, charset and content encoding.',
    },
  },
  'http-status': {
    meaning: {
      zh: '网络层面成功，但服务器返回了错误的 HTTP 状态（WebSocket 握手没有得到 101）。',
      en: 'The network part worked but the server answered with an error HTTP status (a WebSocket handshake got no 101).',
    },
    hint: {
      zh: '检查服务端路由与日志；WebSocket 需 wss:// 且反向代理正确转发 Upgrade/Connection 头。',
      en: 'Check server routes and logs; WebSocket needs wss:// and a reverse proxy that forwards the Upgrade/Connection headers.',
    },
  },
  unknown: {
    meaning: {
      zh: '无法归类：这段原始错误不符合任何已知规则。',
      en: 'Not classified: this raw error fits no known rule.',
    },
    hint: {
      zh: '保留原始 errMsg/errno，从外部探测该 URL（wxprobe probe）并对比两侧的观察。',
      en: 'Keep the raw errMsg/errno, probe the URL from outside (wxprobe probe) and compare both views.',
    },
  },
};

/**
 * Each code table's own wording, for a class whose kind says nothing. Optional so that a caller that
 * does not ship the wording (the mini-program) still names the code; the server's presenters pass
 * CODE_MEANINGS from chromium-net-error-meanings.ts.
 */
export type CodeMeanings = {
  /** The English meaning of a Chromium error name (`ERR_…`), if known. */
  chromium?: (codeName: string) => string | undefined;
};

/** The code's own wording, when its table has one (used when the kind says nothing). */
function codeMeaning(c: ClientErrorClass, lang: Lang, meanings: CodeMeanings): string | undefined {
  if (c.codeName === undefined) return undefined;
  if (c.codeName.indexOf('ERR_') === 0 && chromiumErrorByName(c.codeName)) {
    const own = meanings.chromium?.(c.codeName);
    const name = lang === 'zh' ? `Chromium 网络错误 ${c.codeName}` : `Chromium net error ${c.codeName}`;
    return own === undefined ? name : `${name}${lang === 'zh' ? '：' : ': '}${own}`;
  }
  if (c.code !== undefined && c.codeName === String(c.code)) {
    const errnoText = wechatErrnoText(c.code);
    if (errnoText)
      return lang === 'zh'
        ? `微信 errno ${c.code}：${errnoText.zh}`
        : `WeChat errno ${c.code}: ${errnoText.en}`;
  }
  return undefined;
}

export function describeClass(
  c: ClientErrorClass,
  lang: Lang,
  meanings: CodeMeanings = {},
): { meaning: string; hint: string } {
  const text = KIND_TEXTS[c.kind] ?? KIND_TEXTS.unknown;
  const language: Lang = lang === 'en' ? 'en' : 'zh';
  const own = c.kind === 'unknown' ? codeMeaning(c, language, meanings) : undefined;
  const meaning =
    own !== undefined
      ? `${own}${language === 'zh' ? '（未归入任何类别）' : ' (not in any class)'}`
      : text.meaning[language];
  return { meaning, hint: text.hint[language] };
}
