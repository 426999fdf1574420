/** Texts for the ICP family: `icp-filing-block`. */
import { L, joinL, type Texts } from '../rule';

/** `answered`: the server replied (an alert, data) without completing most handshakes. */
export type Ratio = { ok: number; total: number; answered?: boolean };
export type BlockPage = 'aliyun' | 'tencent';

export type IcpFacts = {
  host: string;
  address: string;
  /** the TLS port the handshakes went to, and the plain-HTTP port the block page was looked for on */
  port: number | null;
  httpPort: number | null;
  mode: 'tls' | 'page-only' | 'drop' | 'uncontrolled' | 'client-only';
  target: Ratio | null;
  noSni: Ratio | null;
  control: (Ratio & { sni: string | null }) | null;
  /** the split-ClientHello variant, only when its outcome differs from the target's */
  splitDiffers: Ratio | null;
  blockPage: BlockPage | null;
};

function r(x: Ratio): string {
  return `${x.ok}/${x.total}`;
}

const FILING_REQUIRED = L(
  `另外，微信本身也要求小程序的服务器域名必须完成 ICP 备案：把服务器搬到境外只能避开云厂商的拦截，这个域名仍然无法登记为服务器域名。`,
  `Note that WeChat itself requires every server domain to be ICP-filed: moving the server abroad only avoids the provider's filter, the domain still cannot be listed as a server domain.`,
);

function comparison(f: IcpFacts) {
  const parts: Array<ReturnType<typeof L>> = [];
  if (f.target) {
    const failed = f.target.total - f.target.ok;
    parts.push(
      f.mode === 'drop'
        ? L(
            `探测对同一地址 ${f.address} 做了对比：SNI=${f.host} 的 TLS 握手 ${r(f.target)} 成功，其余 ${failed} 次发出 ClientHello 后再无任何回应，直到超时。`,
            `The probe compared handshakes on the same address ${f.address}: with SNI=${f.host} ${r(f.target)} completed; the other ${failed} got no answer at all after the ClientHello until the timeout.`,
          )
        : L(
            `探测对同一地址 ${f.address} 做了对比：SNI=${f.host} 的 TLS 握手 ${r(f.target)} 成功，其余 ${failed} 次都是发出 ClientHello 后立刻收到 RST，服务器一个字节都没有回。`,
            `The probe compared handshakes on the same address ${f.address}: with SNI=${f.host} ${r(f.target)} completed; the other ${failed} were reset right after the ClientHello, before the server sent a single byte.`,
          ),
    );
  }
  const controls: Array<ReturnType<typeof L>> = [];
  const outcome = (x: Ratio) =>
    !x.answered
      ? L(`${r(x)} 成功`, `${r(x)} completed`)
      : x.ok === 0
        ? L(
            `全部 ${x.total} 次都收到了服务器的回应（告警或数据），没有被静默重置`,
            `all ${x.total} got an answer from the server (an alert or data), not a silent reset`,
          )
        : L(
            `${r(x)} 成功，其余都收到了服务器的回应（告警或数据），没有被静默重置`,
            `${r(x)} completed and the rest got an answer from the server (an alert or data), not a silent reset`,
          );
  if (f.noSni)
    controls.push(L(`不带 SNI 的握手 ${outcome(f.noSni).zh}`, `without SNI ${outcome(f.noSni).en}`));
  if (f.control) {
    const sni = f.control.sni;
    controls.push(
      L(
        `SNI=${sni ?? '(对照)'} 的握手 ${outcome(f.control).zh}`,
        sni
          ? `with the control SNI ${sni} ${outcome(f.control).en}`
          : `with the control SNI ${outcome(f.control).en}`,
      ),
    );
  }
  if (controls.length > 0)
    parts.push(
      L(
        `而${controls.map((c) => c.zh).join('，')}。同一台服务器、同一个端口，只有报出这个域名时才出问题。`,
        `Meanwhile ${controls.map((c) => c.en).join(', and ')}. Same server, same port: only the handshakes naming this domain fail.`,
      ),
    );
  return parts;
}

export function icpTexts(f: IcpFacts): Texts {
  const httpPart = f.httpPort !== null && f.httpPort !== 80 ? `:${f.httpPort}` : '';
  const leak =
    f.target && f.target.ok > 0
      ? L(
          `偶尔成功（${r(f.target)}）并不说明域名没问题：过滤器并不能截住每一次握手（现场报告约有 2%～15% 的握手能漏过去），所以请求会时好时坏。`,
          `The occasional success (${r(f.target)} got through) does not clear the domain: the filter does not catch every handshake (field reports say 2–15% slip through), which is why requests fail only most of the time.`,
        )
      : null;
  const split = f.splitDiffers
    ? L(
        `把 ClientHello 拆成多个 TCP 分段后，握手 ${r(f.splitDiffers)} 成功：过滤器认不全分段的 ClientHello。这也解释了为什么浏览器（ClientHello 更大、常被分段）能打开网站，而微信不行。`,
        `With the ClientHello split over several TCP segments, ${r(f.splitDiffers)} completed: the filter misses split ClientHellos. This is why a browser (larger, often segmented ClientHello) may load the site while WeChat fails.`,
      )
    : null;
  const page =
    f.blockPage === 'aliyun'
      ? L(
          `HTTP 检查返回了阿里云的备案拦截页（403，Server: Beaver，标题 “Non-compliance ICP Filing”）。`,
          `The plain-HTTP check returned Alibaba Cloud's filing block page (403, Server: Beaver, title “Non-compliance ICP Filing”).`,
        )
      : f.blockPage === 'tencent'
        ? L(
            `HTTP 检查返回了腾讯云的拦截跳转（302 到 dnspod.qcloud.com/static/webblock.html）。`,
            `The plain-HTTP check returned Tencent Cloud's block redirect (302 to dnspod.qcloud.com/static/webblock.html).`,
          )
        : null;
  const mechanism =
    f.mode === 'drop'
      ? L(
          `只针对这个域名的 SNI 出问题，说明路径上有设备按 SNI 过滤。国内云厂商的备案拦截通常是发 RST，这里表现为丢包，请结合下面的修复建议再确认一次。`,
          `Only this domain's SNI is affected, so a device on the path filters by SNI. Chinese cloud providers' filing filters usually send a RST; here the packets are dropped instead, so confirm with the steps below.`,
        )
      : L(
          `这是阿里云、腾讯云等国内云厂商对未完成 ICP 备案的域名做的拦截：它在网络边缘读取 ClientHello 里的 SNI（HTTP 则读 Host），对解析到该厂商中国内地服务器、却没有备案的域名直接切断连接。小程序端通常报 ERR_CONNECTION_RESET（errno 600001），旧版安卓和 uploadFile 报 ssl hand shake error。`,
          `This is how Chinese cloud providers such as Alibaba Cloud and Tencent Cloud enforce ICP filing: at the network edge they read the SNI in the ClientHello (the Host header for HTTP) and cut connections for domains that point at their mainland servers without a filing. The mini-program usually reports ERR_CONNECTION_RESET (errno 600001); old Android clients and uploadFile report “ssl hand shake error”.`,
        );
  const lead =
    f.mode === 'page-only'
      ? L(
          `这次探测的 HTTPS 握手没有被拦，但同一个过滤器通常也会按 SNI 切断 HTTPS 连接（并且时有时无）。`,
          `The probe's HTTPS handshakes were not cut this time, but the same filter usually also cuts HTTPS by SNI (and not always consistently).`,
        )
      : f.mode === 'uncontrolled'
        ? L(
            `不过这次没有不带 SNI / 对照 SNI 的握手结果可作对比，无法完全排除服务器本身重置所有连接（tls-reset）。`,
            `However, there are no no-SNI / control-SNI handshakes to compare with, so a server that resets every connection (tls-reset) cannot be ruled out.`,
          )
        : f.mode === 'client-only'
          ? L(
              `小程序端报连接在握手时被重置。在中国内地的云服务器上，最常见的原因就是域名没有完成 ICP 备案、被云厂商按 SNI 拦截；但仅凭小程序端的报错无法与服务器本身的问题区分。`,
              `The mini-program reports the connection reset during the handshake. On mainland-China cloud servers the most common reason is a domain without ICP filing, cut by the provider's SNI filter; but the client's error alone cannot tell it apart from a server problem.`,
            )
          : null;
  return {
    title: L(
      `域名 ${f.host} 疑似未完成 ICP 备案，被云厂商拦截`,
      `${f.host} looks blocked by the cloud provider for lacking ICP filing (备案)`,
    ),
    explanation: joinL([...comparison(f), lead, page, mechanism, leak, split, FILING_REQUIRED]),
    fix: L(
      `为 ${f.host} 办理 ICP 备案（在服务器所在的云厂商提交，备案通过后拦截会自动解除，新备案的域名可能要等几小时到一天）；备案期间可以改用已备案的域名，或把服务放到中国内地以外的服务器（如香港）上。验证：在服务器上 curl -H "Host: ${f.host}" http://<服务器IP>${httpPart}/ 看是否返回拦截页，或用 openssl s_client -connect <IP>:${f.port ?? 443} -servername ${f.host} 与 -servername 另一个域名对比。`,
      `File ${f.host} for ICP (备案) with the cloud provider hosting the server; the block lifts by itself once the filing is approved (allow hours to a day). Meanwhile use a filed domain, or serve from outside mainland China (e.g. Hong Kong). To check: curl -H "Host: ${f.host}" http://<server IP>${httpPart}/ for the block page, or compare openssl s_client -connect <IP>:${f.port ?? 443} -servername ${f.host} with another -servername.`,
    ),
  };
}
