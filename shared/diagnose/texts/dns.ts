/** Texts for the DNS family: `dns-failure` and `dns-mismatch`. */
import { L, joinL, type Texts } from '../rule';

export type DnsFailureKind = 'nxdomain' | 'servfail' | 'nodata' | 'timeout' | 'resolver-refused' | 'other';

const WHAT: Record<DnsFailureKind, ReturnType<typeof L>> = {
  nxdomain: L(
    `权威 DNS 回答 NXDOMAIN：这个名字不存在。常见原因是域名拼错、子域名没有添加解析记录、域名过期或被注册商暂停解析（clientHold）。`,
    `The authoritative DNS answered NXDOMAIN: the name does not exist. Usually a typo, a subdomain without a record, or an expired / suspended (clientHold) domain.`,
  ),
  servfail: L(
    `解析器返回 SERVFAIL：它没能从权威服务器拿到答案。常见原因是 NS 记录指向的服务器不响应、DNSSEC 校验失败，或刚换了 DNS 服务商还没生效。`,
    `The resolver answered SERVFAIL: it could not get an answer from the authoritative servers. Usually the NS servers do not answer, DNSSEC validation fails, or a DNS provider change has not propagated.`,
  ),
  nodata: L(
    `名字存在，但没有 A/AAAA 记录（NODATA）：只配了别的记录类型，或者 CNAME 指向的名字没有地址。`,
    `The name exists but has no A/AAAA record (NODATA): only other record types exist, or a CNAME points at a name without addresses.`,
  ),
  timeout: L(
    `DNS 查询超时，解析器在限定时间内没有拿到任何回答。常见原因是权威 DNS 服务器不可达或过载。`,
    `The DNS query timed out: no answer within the time limit. Usually the authoritative DNS servers are unreachable or overloaded.`,
  ),
  'resolver-refused': L(
    `探测使用的解析器拒绝了查询或无法连接，这更可能是探测端解析器的问题，而不是域名本身的问题。`,
    `The probe's resolver refused the query or could not be reached; this is more likely a problem of the probe's resolver than of the domain.`,
  ),
  other: L(`DNS 查询失败，没有得到任何地址。`, `The DNS lookup failed and returned no address.`),
};

export function dnsFailureTexts(kind: DnsFailureKind, host: string, clientAgrees: boolean): Texts {
  return {
    title: L(`域名 ${host} 解析失败`, `The name ${host} does not resolve`),
    explanation: joinL([
      WHAT[kind],
      clientAgrees &&
        L(`小程序端同样报了域名解析失败。`, `The mini-program also reported a name-resolution failure.`),
      L(
        `解析不出地址，请求连 TCP 连接都发不出去。`,
        `Without an address the request cannot even open a TCP connection.`,
      ),
    ]),
    fix: L(
      `在域名服务商的控制台检查 ${host} 的 A/AAAA（或 CNAME）记录，确认域名未过期、NS 记录正确；改完后用 dig ${host} A 或 nslookup 从外网验证。`,
      `Check the A/AAAA (or CNAME) records of ${host} in your DNS provider's console, and that the domain has not expired and its NS records are right; verify from outside with dig ${host} A or nslookup.`,
    ),
  };
}

export function dnsFailureClientTexts(host: string, mode: 'no-probe' | 'probe-resolves' | 'httpdns'): Texts {
  const explanation =
    mode === 'httpdns'
      ? L(
          `小程序端报的是 HttpDNS 的错误（errno 602xxx：服务未购买、额度用完、服务商超时或返回为空）。请求开启了 enableHttpDNS，解析走的是微信服务市场的 HttpDNS 服务。`,
          `The mini-program reported an HttpDNS error (errno 602xxx: service not bought, quota exhausted, provider timeout or empty answer). The request had enableHttpDNS on, so resolution went through the HttpDNS service from WeChat's service market.`,
        )
      : mode === 'probe-resolves'
        ? L(
            `手机解析不出 ${host}，但外部探测能正常解析。可能是手机所在网络的 DNS 有问题、解析记录刚改还没生效，或这个名字只在某些网络（内网/分区解析）里存在。`,
            `The phone cannot resolve ${host}, while the outside probe resolves it. The phone's network DNS may be broken, a record change may not have propagated, or the name exists only in some networks (split-horizon DNS).`,
          )
        : L(
            `小程序端报的是域名解析失败（如 ERR_NAME_NOT_RESOLVED）。没有外部探测结果，无法判断是域名本身的问题还是手机网络的 DNS 问题。`,
            `The mini-program reported a name-resolution failure (e.g. ERR_NAME_NOT_RESOLVED). Without an outside probe we cannot tell whether the domain or the phone network's DNS is at fault.`,
          );
  const fix =
    mode === 'httpdns'
      ? L(
          `在微信服务市场检查 HttpDNS 服务的购买状态和额度，或在请求里去掉 enableHttpDNS 先用系统 DNS。`,
          `Check the HttpDNS service's status and quota in the WeChat service market, or drop enableHttpDNS from the request to use the system DNS.`,
        )
      : mode === 'probe-resolves'
        ? L(
            `换一个网络（4G/其他 Wi-Fi）再试；检查解析记录的 TTL 和最近的修改；如果用了分区解析，确认公网线路也有记录。`,
            `Try another network (cellular / another Wi-Fi); check the record's TTL and recent changes; with split-horizon DNS make sure the public view has the record too.`,
          )
        : L(
            `用 wxprobe probe ${host} 从外部检查解析；检查域名的 A/AAAA 记录和过期状态。`,
            `Check resolution from outside with wxprobe probe; check the domain's A/AAAA records and expiry.`,
          );
  return { title: L(`手机上域名 ${host} 解析失败`, `The phone cannot resolve ${host}`), explanation, fix };
}

export function dnsMismatchTexts(
  host: string,
  clientIps: string[],
  probeIps: string[],
  viewsDiffer: boolean,
  port: number | null,
): Texts {
  return {
    title: L(
      `手机连接的地址和外部解析到的不一样`,
      `The phone reached another address than the probe resolved`,
    ),
    explanation: joinL([
      L(
        `小程序 profile.peerIP 显示手机连到了 ${clientIps.join('、')}，而外部探测把 ${host} 解析为 ${probeIps.join('、')}。`,
        `The mini-program's profile.peerIP shows the phone connected to ${clientIps.join(', ')}, while the probe resolved ${host} to ${probeIps.join(', ')}.`,
      ),
      L(
        `可能原因：分区/智能解析给不同线路不同地址、手机缓存了旧记录、手机开了代理或 VPN（peerIP 会是代理的地址），或运营商 DNS 劫持。`,
        `Possible reasons: split / geo DNS answering differently per network, a stale cached record on the phone, a proxy or VPN on the phone (peerIP is then the proxy's address), or DNS hijacking by the carrier.`,
      ),
      viewsDiffer &&
        L(
          `两边的结果也不一致，所以外部探测看到的服务器很可能不是手机实际访问的那台。`,
          `The two views also disagree in outcome, so the server the probe examined is likely not the one the phone used.`,
        ),
    ]),
    fix: L(
      `确认每条解析线路都指向正确的服务器；用 wxprobe probe --resolve ${host}:${port ?? 443}:<peerIP> 对手机实际连接的地址再探测一次；检查手机是否开了代理/VPN。`,
      `Make sure every DNS view points at the right server; probe the address the phone used with wxprobe probe --resolve ${host}:${port ?? 443}:<peerIP>; check the phone for a proxy or VPN.`,
    ),
  };
}
