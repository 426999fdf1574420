/** Texts for the TLS family: `tls-reset`, `tls-version-unsupported`, `tls-handshake-failure`, and a hanging handshake. */
import { L, joinL, type Texts } from '../rule';
import type { Differential } from '../differential';

export function tlsResetTexts(
  where: string,
  how: 'rst' | 'fin' | 'mixed',
  variants: number,
  port: number | null,
): Texts {
  const ending =
    how === 'rst'
      ? L('直接发 RST 重置了连接', 'reset the connection with a RST')
      : how === 'fin'
        ? L('直接关闭了连接（FIN），没有回任何 TLS 数据', 'closed the connection (FIN) without any TLS data')
        : L('重置或关闭了连接', 'reset or closed the connection');
  return {
    title: L(
      `TLS 握手在 ${where} 上被${how === 'fin' ? '关闭' : '重置'}，与 SNI 无关`,
      `The TLS handshake with ${where} is ${how === 'fin' ? 'closed' : 'reset'} whatever the SNI`,
    ),
    explanation: joinL([
      L(
        `TCP 连接能建立，但客户端发出 ClientHello 之后，对方${ending.zh}。${variants > 1 ? `带目标 SNI、不带 SNI、带对照 SNI 的握手全都一样，` : ''}所以这不是按域名（SNI）拦截的备案过滤，而是这个端口上的服务本身不接受 TLS 握手。`,
        `TCP connects, but after the ClientHello the other side ${ending.en}.${variants > 1 ? ' The target SNI, no SNI and the control SNI all end the same way,' : ''} so this is not SNI-keyed (ICP) filtering: the service on this port does not accept TLS handshakes at all.`,
      ),
      L(
        `常见原因：端口上跑的不是 TLS 服务（如 SSH、数据库、未启用 SSL 的代理），nginx 的 ssl 配置出错（证书/私钥加载失败、没有匹配的 server 块），或前面的防火墙/WAF 对所有 TLS 流量都做了拦截。`,
        `Common causes: the port runs something other than TLS (SSH, a database, a proxy without SSL), nginx's ssl setup is broken (certificate or key failed to load, no matching server block), or a firewall / WAF in front cuts all TLS traffic.`,
      ),
    ]),
    fix: L(
      `在服务器上执行 openssl s_client -connect 127.0.0.1:${port ?? 443} -servername <域名> 看本机能否握手；检查 nginx 错误日志里的 SSL 报错和 listen ... ssl 配置；若本机正常，再查云防火墙/WAF/负载均衡的 HTTPS 监听设置。`,
      `On the server run openssl s_client -connect 127.0.0.1:${port ?? 443} -servername <domain> to see whether a local handshake works; check nginx's error log for SSL errors and the listen ... ssl directive; if it works locally, check the cloud firewall / WAF / load balancer HTTPS listener.`,
    ),
  };
}

export function tlsHangTexts(where: string, port: number | null): Texts {
  return {
    title: L(
      `${where} 接受了连接，但 TLS 握手一直没有回应`,
      `${where} accepts the connection but never answers the TLS handshake`,
    ),
    explanation: L(
      `TCP 连接建立了，客户端发出 ClientHello 后，服务器在超时前一个字节都没有回。对小程序来说就是请求一直挂着直到超时（request:fail timeout）。常见原因：端口上的进程卡死或不说 TLS、负载均衡的后端无响应，或中间设备把握手包丢弃了。`,
      `TCP connects, but after the ClientHello the server sent not a single byte before the timeout. For a mini-program the request just hangs until it times out (request:fail timeout). Common causes: the process on the port is stuck or does not speak TLS, the load balancer's backend does not answer, or a middlebox drops the handshake.`,
    ),
    fix: L(
      `在服务器上用 openssl s_client -connect 127.0.0.1:${port ?? 443} 检查本机握手是否也卡住；查看服务进程和负载均衡后端的健康状态；检查中间的防火墙/WAF。`,
      `On the server check with openssl s_client -connect 127.0.0.1:${port ?? 443} whether a local handshake hangs too; check the service process and the load balancer's backend health; check firewalls / WAF in between.`,
    ),
  };
}

export function tlsVersionTexts(where: string, offered: string[]): Texts {
  const list = offered.length > 0 ? offered.join('/') : '';
  return {
    title: L(`${where} 不支持 TLS 1.2 / 1.3`, `${where} does not offer TLS 1.2 or 1.3`),
    explanation: joinL([
      L(
        `微信要求服务器支持 TLS 1.2 及以上版本。探测用 TLS 1.2 和 TLS 1.3 握手都被拒绝了（protocol_version 告警或版本不被接受）。`,
        `WeChat requires TLS 1.2 or later. The probe's TLS 1.2 and TLS 1.3 handshakes were both refused (protocol_version alert or an unacceptable version).`,
      ),
      list &&
        L(
          `服务器只接受 ${list} 这样的旧版本，手机上通常报 ERR_SSL_VERSION_OR_CIPHER_MISMATCH（-113）或 ssl hand shake error。`,
          `The server only accepts old versions (${list}); phones usually report ERR_SSL_VERSION_OR_CIPHER_MISMATCH (-113) or “ssl hand shake error”.`,
        ),
    ]),
    fix: L(
      `在 nginx 里设置 ssl_protocols TLSv1.2 TLSv1.3;（如需兼容很旧的安卓可以保留 TLSv1.1），升级过旧的 OpenSSL；若前面有负载均衡/CDN，在它的 TLS 安全策略里启用 TLS 1.2。`,
      `Set ssl_protocols TLSv1.2 TLSv1.3; in nginx (keep TLSv1.1 only if very old Android phones matter), upgrade an outdated OpenSSL; if a load balancer / CDN terminates TLS, enable TLS 1.2 in its TLS policy.`,
    ),
  };
}

export function tlsHandshakeFailureTexts(where: string, alerts: string[], port: number | null): Texts {
  const list = alerts.join(', ');
  return {
    title: L(`与 ${where} 的 TLS 握手以告警失败`, `The TLS handshake with ${where} fails with an alert`),
    explanation: L(
      `服务器对每个 TLS 版本的握手都回了致命告警（${list}），而不是完成握手。handshake_failure(40) 最常见的原因是双方没有共同的加密套件：服务器的 ssl_ciphers 配得过严或只有旧算法，或证书类型（如纯国密 SM2 证书）与客户端支持的套件不匹配。`,
      `The server answered the handshake at every TLS version with a fatal alert (${list}) instead of completing it. With handshake_failure(40) the usual cause is no shared cipher suite: the server's ssl_ciphers is too strict or only old algorithms, or the certificate type (e.g. an SM2-only certificate) does not match any suite the client offers.`,
    ),
    fix: L(
      `把 nginx 的 ssl_ciphers 改回通用配置（例如 Mozilla intermediate：ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:…），使用 RSA 或 ECDSA 证书（国密证书请配双证书）；改完用 openssl s_client -connect ${port === null ? `${where}:443` : where} -tls1_2 验证。`,
      `Reset nginx's ssl_ciphers to a common set (e.g. Mozilla intermediate: ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:…), use an RSA or ECDSA certificate (SM2 only as a dual certificate); verify with openssl s_client -connect ${port === null ? `${where}:443` : where} -tls1_2.`,
    ),
  };
}

export function tlsClientCertTexts(where: string, alerts: string[]): Texts {
  const list = alerts.join(', ');
  return {
    title: L(
      `${where} 要求客户端证书，wx.request 无法提供，握手失败`,
      `${where} demands a client certificate, which wx.request cannot present: the handshake fails`,
    ),
    explanation: L(
      `服务器在握手中要求客户端出示证书（双向 TLS / mTLS），没有收到就以致命告警（${list}）结束握手：TLS 1.3 下是握手看似完成后的 certificate_required(116)，TLS 1.2 下是 CertificateRequest 之后的 handshake_failure(40)。小程序的 wx.request 不能出示客户端证书，所以每个请求都会失败；浏览器若装了证书或会弹窗选择证书，表现可能不同。`,
      `The server asks the client for a certificate during the handshake (mutual TLS) and, getting none, ends the handshake with a fatal alert (${list}): with TLS 1.3 certificate_required(116) right after the handshake seemed done, with TLS 1.2 handshake_failure(40) after its CertificateRequest. wx.request cannot present a client certificate, so every request fails; a browser with a certificate installed, or one that prompts for it, may behave differently.`,
    ),
    fix: L(
      `给小程序用的域名/端口关闭客户端证书校验：nginx 里去掉 ssl_verify_client on（改为 off，或只在确需时用 optional / optional_no_ca，并在应用层自行决定），负载均衡/网关关闭“双向认证”；需要鉴权请改用 HTTPS 之上的 token 或签名。`,
      `Turn client-certificate verification off for the host and port the mini-program uses: in nginx drop ssl_verify_client on (set it off, or optional / optional_no_ca where truly needed and decide in the application), and disable "mutual authentication" on the load balancer or gateway; authenticate with a token or signature over HTTPS instead.`,
    ),
  };
}

export function tlsAlpnTexts(where: string, port: number | null): Texts {
  return {
    title: L(
      `${where} 只接受 HTTP/2（ALPN h2），只提供 http/1.1 的握手被拒绝`,
      `${where} accepts only HTTP/2 (ALPN h2) and refuses handshakes offering just http/1.1`,
    ),
    explanation: L(
      `只提供 http/1.1 的 TLS 握手收到了 no_application_protocol(120) 告警。小程序的 wx.request 默认不开启 HTTP/2（enableHttp2 默认为 false），这时它只协商 http/1.1，于是握手失败；浏览器和开了 HTTP/2 的客户端则一切正常。`,
      `A TLS handshake offering only http/1.1 got a no_application_protocol(120) alert. wx.request does not use HTTP/2 by default (enableHttp2 is false), so it negotiates http/1.1 only and the handshake fails, while browsers and HTTP/2 clients work fine.`,
    ),
    fix: L(
      `让服务器同时接受 http/1.1（nginx 的 listen ${port ?? 443} ssl http2 默认两者都支持；Node 的 http2.createSecureServer 需要 allowHTTP1: true；检查负载均衡/网关的 ALPN 设置）；或在小程序请求里设置 enableHttp2: true（仍建议保留 http/1.1 以兼容旧客户端）。`,
      `Let the server accept http/1.1 as well (nginx listen ${port ?? 443} ssl http2 does both by default; Node's http2.createSecureServer needs allowHTTP1: true; check the load balancer / gateway ALPN settings), or set enableHttp2: true in the mini-program's request (keeping http/1.1 for old clients is still advisable).`,
    ),
  };
}

export function tlsResetClientTexts(host: string): Texts {
  return {
    title: L(
      `连接在 TLS 握手时被重置（只有小程序端的结果）`,
      `The connection is reset during the TLS handshake (client view only)`,
    ),
    explanation: L(
      `小程序端报连接被重置或关闭（如 ERR_CONNECTION_RESET / ERR_CONNECTION_CLOSED）。它可能是服务器本身不接受 TLS，也可能是云厂商按 SNI 拦截未备案域名；只有从外部对比不同 SNI 的握手才能区分。`,
      `The mini-program reports the connection reset or closed (e.g. ERR_CONNECTION_RESET / ERR_CONNECTION_CLOSED). Either the server does not accept TLS, or the cloud provider cuts unfiled domains by SNI; only an outside comparison of handshakes with different SNIs can tell.`,
    ),
    fix: L(
      `运行 wxprobe probe https://${host}/ 对比目标 SNI、无 SNI、对照 SNI 的握手结果。`,
      `Run wxprobe probe https://${host}/ to compare handshakes with the target SNI, no SNI and a control SNI.`,
    ),
  };
}

/** Resets on a share of the handshakes, the target SNI and the others alike (rules/tls.ts). */
export function tlsScatteredResetTexts(where: string, d: Differential, port: number | null): Texts {
  const t = `${d.target.count}/${d.target.total}`;
  const o = `${d.others.count}/${d.others.total}`;
  return {
    title: L(
      `${where} 的 TLS 握手时常被重置，与 SNI 无关`,
      `TLS handshakes with ${where} are reset now and then, whatever the SNI`,
    ),
    explanation: joinL([
      L(
        `一部分握手在 ClientHello 之后被重置或关闭，其余正常完成：带目标 SNI 的 ${t}，不带 SNI 和对照 SNI 的 ${o}。目标 SNI 并没有明显比其他握手失败得多（证据里的统计检验说明差异可能只是偶然），所以这不是按域名（SNI）拦截的备案过滤，而是连接被随机切断。`,
        `Some handshakes are reset or closed after the ClientHello while the rest complete: ${t} with the target SNI, ${o} without SNI and with the control SNI. The target SNI does not fail notably more than the others (the statistical test in the evidence says the difference may be chance), so this is not SNI-keyed (ICP) filtering: connections are cut at random.`,
      ),
      L(
        `常见原因：服务器或负载均衡过载（连接数、accept 队列或 nginx worker_connections 用尽时新连接被重置），防火墙/安全组的连接数或速率限制，NAT/conntrack 表满，或线路丢包严重。对小程序来说就是请求时好时坏（ERR_CONNECTION_RESET）。`,
        `Common causes: an overloaded server or load balancer (new connections reset once connections, the accept queue or nginx's worker_connections run out), a firewall or security group limiting connections or their rate, a full NAT / conntrack table, or a badly lossy path. For a mini-program, requests fail now and then (ERR_CONNECTION_RESET).`,
      ),
    ]),
    fix: L(
      `查看服务器和负载均衡在失败时段的连接数与错误日志（nginx error.log、dmesg 中的 SYN flood / conntrack 提示），检查 worker_connections、somaxconn 和云防火墙的连接限制；在服务器上反复执行 openssl s_client -connect 127.0.0.1:${port ?? 443} 看本机是否也偶发重置，以区分服务器与线路；用 mtr 查看线路丢包。`,
      `Check the server's and load balancer's connection counts and error logs at the failing times (nginx error.log; dmesg for SYN flood or conntrack messages), and worker_connections, somaxconn and the cloud firewall's connection limits; run openssl s_client -connect 127.0.0.1:${port ?? 443} repeatedly on the server to see whether local handshakes are reset too (server or path); check the path's loss with mtr.`,
    ),
  };
}
