/** Texts for the address family: a cause that holds on some of the name's addresses only. */
import type { Cause } from '../../taxonomy/codes';
import { L, joinL, type Texts } from '../rule';
import type { Localized } from '../../taxonomy/codes';

/** What the bad addresses do, per cause the address rule can name. */
const WHAT: Partial<Record<Cause, Localized>> = {
  'tcp-refused': L('拒绝连接（ECONNREFUSED）', 'refuse connections (ECONNREFUSED)'),
  'tcp-timeout': L('TCP 连接没有回应', 'do not answer the TCP handshake'),
  'tls-reset': L('在 ClientHello 之后断开 TLS 握手', 'drop the TLS handshake after the ClientHello'),
  'tls-handshake-failure': L('TLS 握手失败', 'fail the TLS handshake'),
  'cert-expired': L('返回已过期的证书', 'serve an expired certificate'),
  'cert-not-yet-valid': L('返回尚未生效的证书', 'serve a certificate that is not yet valid'),
  'cert-hostname-mismatch': L('返回与域名不符的证书', 'serve a certificate for another name'),
  'cert-self-signed': L('返回自签名证书', 'serve a self-signed certificate'),
  'cert-untrusted-root': L('返回不受信任的证书链', 'serve a chain no client trusts'),
  'cert-chain-incomplete': L('缺少中间证书', 'send the chain without its intermediate'),
  'http-error-status': L('返回 5xx 错误', 'answer with a 5xx error'),
};

export type AddressGroups = {
  bad: readonly { address: string; family: 4 | 6 }[];
  good: readonly { address: string; family: 4 | 6 }[];
  /** the phone's failing requests went to (profile.peerIP): one of the bad addresses, a good one, or unknown */
  peer: { address: string; bad: boolean } | null;
};

function families(list: AddressGroups['bad']): Set<number> {
  return new Set(list.map((a) => a.family));
}

/** Who fails: phones on IPv6 networks when only IPv6 is bad, else those given these addresses. */
function whoFails(groups: AddressGroups): Localized {
  const bad = families(groups.bad);
  const good = families(groups.good);
  if (bad.size === 1 && bad.has(6) && good.has(4))
    return L(
      '使用 IPv6 网络的手机（国内多数 4G/5G 优先用 AAAA）会失败，走 IPv4 的 Wi-Fi 正常',
      'phones on IPv6 networks fail (most Chinese 4G/5G prefers AAAA), Wi-Fi on IPv4 works',
    );
  if (bad.size === 1 && bad.has(4) && good.has(6))
    return L('只走 IPv4 的手机会失败，IPv6 网络正常', 'phones on IPv4 only fail, IPv6 networks work');
  return L(
    '被分配到这些地址的手机失败，其余正常，所以表现为时好时坏',
    'phones given these addresses fail and the others work, so it looks intermittent',
  );
}

const list = (l: AddressGroups['bad']) => l.map((a) => `${a.address}（IPv${a.family}）`).join('、');
const listEn = (l: AddressGroups['bad']) => l.map((a) => `${a.address} (IPv${a.family})`).join(', ');

export function addressTexts(cause: Cause, groups: AddressGroups): Texts {
  const what = WHAT[cause] ?? L('出问题', 'fail');
  const total = groups.bad.length + groups.good.length;
  const peer = groups.peer;
  return {
    title: joinL(
      [
        peer?.bad ? L(`手机连的 ${peer.address}：`, `The address the phone used, ${peer.address}: `) : null,
        L(
          `域名的 ${total} 个地址中 ${groups.bad.length} 个（${list(groups.bad)}）${what.zh}：${whoFails(groups).zh}`,
          `${groups.bad.length} of the name's ${total} addresses (${listEn(groups.bad)}) ${what.en}: ${whoFails(groups).en}`,
        ),
      ],
      '',
    ),
    explanation: joinL([
      L(
        `探测对域名解析出的每个地址分别做了 TCP、TLS、证书和 HTTP 检查。${list(groups.good)} 正常，${list(groups.bad)} ${what.zh}。手机不一定用第一个地址：IPv6 网络优先 AAAA，多个 A 记录会被分散使用。`,
        `The probe checked TCP, TLS, the certificate and HTTP on each address the name resolves to. ${listEn(groups.good)} answer cleanly, ${listEn(groups.bad)} ${what.en}. Phones do not all use the first address: IPv6 networks prefer AAAA, several A records are spread over.`,
      ),
      peer && !peer.bad
        ? L(
            `但手机失败的请求连的是正常的 ${peer.address}（profile.peerIP），它的失败可能另有原因。`,
            `But the phone's failing requests went to ${peer.address} (profile.peerIP), which answers cleanly: their failure may have another cause.`,
          )
        : null,
    ]),
    fix: L(
      `把 ${list(groups.bad)} 修好（与 ${list(groups.good)} 部署同样的证书和配置），或者从 DNS 中删掉这些记录；改完后用 dig A / dig AAAA 确认每个地址。`,
      `Fix ${listEn(groups.bad)} (deploy the same certificate and configuration as ${listEn(groups.good)}), or remove those records from DNS; then check every address with dig A / dig AAAA.`,
    ),
  };
}

export function addressShareTexts(affected: number, total: number): Texts {
  return {
    title: L(
      `时好时坏：${total} 个地址中 ${affected} 个出问题`,
      `Intermittent: ${affected} of ${total} addresses fail`,
    ),
    explanation: L(
      `同一个域名的地址表现不一致，手机用到哪个地址决定了请求成功与否。`,
      `The name's addresses behave differently: which one a phone uses decides whether its request works.`,
    ),
    fix: L(`见主要原因里列出的地址。`, `See the addresses named in the main cause.`),
  };
}
