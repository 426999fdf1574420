/** Texts for the client-network and intermittent families. */
import type { Kind } from '../../taxonomy/codes';
import { L, joinL, type Texts } from '../rule';

const KIND_TEXT: Partial<Record<Kind, ReturnType<typeof L>>> = {
  offline: L(
    `小程序端报手机没有联网（ERR_INTERNET_DISCONNECTED / “似乎已断开与互联网的连接”），请求根本没有发出去。`,
    `The mini-program reports the phone is offline (ERR_INTERNET_DISCONNECTED / “The Internet connection appears to be offline”): the request never went out.`,
  ),
  proxy: L(
    `手机上开着代理或 VPN，而连接代理失败了（ERR_PROXY_CONNECTION_FAILED / ERR_TUNNEL_CONNECTION_FAILED）。在基础库 2.22.1 之前，开着代理再启用 HttpDNS 也会这样失败。`,
    `A proxy or VPN is on and connecting through it failed (ERR_PROXY_CONNECTION_FAILED / ERR_TUNNEL_CONNECTION_FAILED). Before base library 2.22.1, enableHttpDNS with a proxy failed the same way.`,
  ),
  'network-changed': L(
    `请求进行中手机的网络发生了切换（Wi-Fi 与移动网络互切），微信会取消所有进行中的请求（network change, cancel all task），需要重试。`,
    `The phone's network changed while the request was running (Wi-Fi ↔ cellular); WeChat then cancels all running requests (“network change, cancel all task”) and expects a retry.`,
  ),
  'address-unreachable': L(
    `手机所在的网络到服务器没有路由（ERR_ADDRESS_UNREACHABLE），常见于刚切换网络之后，或手机只有 IPv6/IPv4 其中一种连接。`,
    `The phone's network has no route to the server (ERR_ADDRESS_UNREACHABLE), typically right after a network switch, or when the phone has only IPv6 or only IPv4.`,
  ),
};

export function clientNetworkTexts(kinds: Kind[], outsideOk: boolean, networkNone: boolean): Texts {
  return {
    title: L(
      `问题在手机自己的网络上（离线、代理或网络切换）`,
      `The phone's own network is the problem (offline, proxy or network switch)`,
    ),
    explanation: joinL([
      ...kinds.map((k) => KIND_TEXT[k]),
      networkNone && L(`客户端记录的网络类型是 none。`, `The client recorded network type “none”.`),
      outsideOk &&
        L(
          `外部探测访问服务器一切正常，所以服务器不需要改动。`,
          `The outside probe reaches the server fine, so nothing needs to change on the server.`,
        ),
    ]),
    fix: L(
      `让用户检查网络（关闭飞行模式、换 Wi-Fi 或移动网络）、关闭手机上的代理/VPN 后重试；在代码里用 wx.onNetworkStatusChange 监听网络恢复后自动重试，并用 wx.getNetworkType 给用户提示。`,
      `Have the user check the connection (airplane mode, another Wi-Fi or cellular) and turn off any proxy / VPN, then retry; in code, retry when wx.onNetworkStatusChange reports the network is back, and use wx.getNetworkType to tell the user.`,
    ),
  };
}

/** The phone's context as the explanation: its control URL failed too, or a system proxy was on. */
export function phoneContextTexts(reason: 'control' | 'proxy' | 'network-events', outsideOk: boolean): Texts {
  const outside =
    outsideOk && L(`外部探测访问服务器一切正常。`, `The outside probe reaches the server fine.`);
  if (reason === 'control')
    return {
      title: L(
        `这台手机的网络有问题：对照地址也失败了`,
        `This phone's network is the problem: the control URL failed too`,
      ),
      explanation: joinL([
        L(
          `和目标交替请求的已知正常地址（对照地址）同样失败，所以问题在手机所在的网络，而不是目标服务器。`,
          `The known-good URL interleaved with the target (the control URL) failed as well, so the problem is the phone's network, not the target server.`,
        ),
        outside,
      ]),
      fix: L(
        `换一个网络（Wi-Fi ↔ 移动网络）再测；如果只有这台手机或这个网络失败，检查路由器、运营商或公司网络的拦截。`,
        `Test again on another network (Wi-Fi ↔ cellular); if only this phone or network fails, check the router, the carrier or the company network's filtering.`,
      ),
    };
  if (reason === 'network-events')
    return {
      title: L(
        `失败发生在手机网络切换或弱网的时候`,
        `The failures came while the phone's network changed or was weak`,
      ),
      explanation: joinL([
        L(
          `运行期间微信报告了网络变化（wx.onNetworkStatusChange / wx.onNetworkWeakChange），失败的请求都在这些时刻前后：网络切换时微信会取消进行中的请求，弱网会超时。`,
          `WeChat reported network changes during the run (wx.onNetworkStatusChange / wx.onNetworkWeakChange) and every failed attempt ran around them: WeChat cancels running requests on a switch, and weak networks time out.`,
        ),
        outside,
      ]),
      fix: L(
        `在稳定的网络上重测；代码里监听 wx.onNetworkStatusChange，网络恢复后重试。`,
        `Test again on a steady network; in code, listen to wx.onNetworkStatusChange and retry when the network is back.`,
      ),
    };
  return {
    title: L(
      `手机开着系统代理：TLS/证书错误来自代理`,
      `A system proxy is on: the TLS / certificate errors come from it`,
    ),
    explanation: joinL([
      L(
        `微信报告手机设置了系统代理（hasSystemProxy），而请求在 TLS 或证书阶段失败：抓包工具、公司代理或安全软件会用自己的证书拦截 HTTPS，微信不信任它。`,
        `WeChat reports a system proxy on the phone (hasSystemProxy) and the requests fail at TLS or at the certificate: capture tools, company proxies and security apps intercept HTTPS with their own certificate, which WeChat does not trust.`,
      ),
      outside,
    ]),
    fix: L(
      `关闭手机上的代理/抓包工具（Charles、Fiddler、Whistle 等）或 VPN 后重测；真实用户不受影响时服务器无需改动。`,
      `Turn off the phone's proxy / capture tool (Charles, Fiddler, Whistle…) or VPN and test again; if real users are unaffected the server needs no change.`,
    ),
  };
}

export function intermittentTexts(parts: {
  client: string | null;
  probe: { ratio: string; variant: string } | null;
}): Texts {
  return {
    title: L(`时好时坏：一部分请求成功，一部分失败`, `Intermittent: some attempts pass and some fail`),
    explanation: joinL([
      parts.client &&
        L(`小程序端的请求成功了 ${parts.client}。`, `The mini-program's requests passed ${parts.client}.`),
      parts.probe &&
        (parts.probe.variant === 'sni-host'
          ? L(
              `探测用目标 SNI 的握手成功了 ${parts.probe.ratio}。`,
              `The probe's handshakes with the target SNI passed ${parts.probe.ratio}.`,
            )
          : L(
              `探测的握手（变体 ${parts.probe.variant}）成功了 ${parts.probe.ratio}。`,
              `The probe's handshakes (variant ${parts.probe.variant}) passed ${parts.probe.ratio}.`,
            )),
      L(
        `成功的比例本身就是线索：与它一起列出的原因会说明为什么只是“有时”失败（例如备案拦截会漏过一小部分握手）。偶尔的成功不能说明问题已经解决。`,
        `The ratio is itself a clue: the cause listed with it explains why failures are only partial (an ICP filter, for example, lets a few handshakes through). An occasional success does not mean the problem is solved.`,
      ),
    ]),
    fix: L(
      `先处理与它一起列出的原因。如果没有别的原因，检查负载均衡后面是否有一台后端异常、DNS 是否轮询到了失效的地址、服务器是否在高峰期过载。`,
      `Fix the cause listed with it first. If there is none, check for one bad backend behind the load balancer, DNS round-robin to a dead address, or overload at peak times.`,
    ),
  };
}
