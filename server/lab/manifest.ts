/**
 * Every lab case: what it serves, which `cause` (shared/taxonomy/codes.ts) a correct diagnosis
 * names, and what is wrong in words. `startLab`, `npm run lab` and the tests all read this table.
 *
 * `octet` gives each case its own loopback address, 127.77.0.<octet>, stable across runs. DNS cases
 * have none: their name points (or would point) at the `ok` endpoint, so only DNS is at fault.
 */
import type { Cause, Localized } from '../../shared/taxonomy/codes';

export const LAB_DOMAIN = 'lab.wxprobe.test';

/** Where a redirect-offsite hop goes: another registrable domain, still answered by the lab. */
export const OFFSITE_NAME = 'offsite.wxprobe-elsewhere.test';

/** The name the wrong-host certificate is for. */
export const WRONG_HOST_CERT_NAME = 'not-this-host.wxprobe-elsewhere.test';

/** The rebind name's later answer: an address where nothing good listens. */
export const REBIND_SECOND_ADDRESS = '127.77.0.254';

/**
 * The several-addresses case's second A record: its octet's address in 127.77.1.0/24, so it never
 * meets another case's 127.77.0.<octet>.
 */
export const SECOND_ADDRESS_PREFIX = '127.77.1.';

/** The broken-aaaa case's AAAA record: IPv6 loopback, the only IPv6 address a test may use. */
export const LAB_IPV6_ADDRESS = '::1';

/** Octets of the lab's own helpers (not cases). */
export const INFRA_OCTETS = { aia: 250, icpBackend: 251, rebindTarget: 254 } as const;

export const CASE_GROUPS = [
  'baseline',
  'certificate',
  'tls',
  'icp',
  'tcp',
  'http',
  'address',
  'dns',
] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export type LabCaseSpec = {
  case: string;
  group: CaseGroup;
  expectedCause: Cause;
  wrong: Localized;
  /** 127.77.0.<octet>; null for DNS-only cases (they borrow the ok endpoint). */
  octet: number | null;
  /** A plain-HTTP port for the same host (the port-80 stand-in). */
  httpPort: boolean;
};

export const LAB_CASES = [
  {
    case: 'ok',
    group: 'baseline',
    expectedCause: 'ok',
    wrong: {
      zh: '没有问题：TLS 1.2/1.3，证书链完整，返回 200 和一小段 JSON（对照组）',
      en: 'nothing: TLS 1.2/1.3, full chain, 200 with a small JSON body (the control)',
    },
    octet: 1,
    httpPort: true,
  },
  {
    case: 'expired',
    group: 'certificate',
    expectedCause: 'cert-expired',
    wrong: { zh: '证书已过期（notAfter 在 30 天前）', en: 'the certificate expired (notAfter 30 days ago)' },
    octet: 2,
    httpPort: false,
  },
  {
    case: 'not-yet-valid',
    group: 'certificate',
    expectedCause: 'cert-not-yet-valid',
    wrong: {
      zh: '证书尚未生效（notBefore 在 30 天后）',
      en: 'the certificate is not yet valid (notBefore in 30 days)',
    },
    octet: 3,
    httpPort: false,
  },
  {
    case: 'wrong-host',
    group: 'certificate',
    expectedCause: 'cert-hostname-mismatch',
    wrong: {
      zh: `证书的 SAN 只有 ${WRONG_HOST_CERT_NAME}，与访问的域名不符`,
      en: `the certificate's only SAN is ${WRONG_HOST_CERT_NAME}, not the host asked for`,
    },
    octet: 4,
    httpPort: false,
  },
  {
    case: 'self-signed',
    group: 'certificate',
    expectedCause: 'cert-self-signed',
    wrong: { zh: '自签名证书，不由任何 CA 签发', en: 'a self-signed certificate, issued by no CA' },
    octet: 5,
    httpPort: false,
  },
  {
    case: 'untrusted-root',
    group: 'certificate',
    expectedCause: 'cert-untrusted-root',
    wrong: {
      zh: '证书链终止于一个没有客户端信任的根证书',
      en: 'the chain ends at a root certificate no client trusts',
    },
    octet: 6,
    httpPort: false,
  },
  {
    case: 'incomplete-chain',
    group: 'certificate',
    expectedCause: 'cert-chain-incomplete',
    wrong: {
      zh: '服务器只发送叶子证书，缺少中间证书（中间证书可经 AIA 下载）',
      en: 'the server sends the leaf only, without the intermediate (which AIA can fetch)',
    },
    octet: 7,
    httpPort: false,
  },
  {
    case: 'cn-only',
    group: 'certificate',
    expectedCause: 'cert-hostname-mismatch',
    wrong: {
      zh: '证书没有 SAN，域名只写在 subject 的 CN 里：Node 接受，Android、iOS 和开发者工具拒绝',
      en: 'the certificate has no SAN, the name only in the subject CN: Node accepts it, Android, iOS and devtools refuse it',
    },
    octet: 41,
    httpPort: false,
  },
  {
    case: 'aia-private-root',
    group: 'certificate',
    expectedCause: 'cert-untrusted-root',
    wrong: {
      zh: '服务器只发送叶子证书，AIA 地址下载到的是一个没人信任的自签名私有根证书（不是缺中间证书）',
      en: 'the server sends the leaf only, and its AIA URL serves a self-signed private root nobody trusts (not a missing intermediate)',
    },
    octet: 42,
    httpPort: false,
  },
  {
    case: 'weak-key',
    group: 'certificate',
    expectedCause: 'cert-weak',
    wrong: { zh: 'RSA-1024 密钥，SHA-1 签名', en: 'an RSA-1024 key with a SHA-1 signature' },
    octet: 8,
    httpPort: false,
  },
  {
    case: 'tls10-only',
    group: 'tls',
    expectedCause: 'tls-version-unsupported',
    wrong: {
      zh: '只支持 TLS 1.0，微信要求 TLS 1.2 及以上',
      en: 'speaks TLS 1.0 only; WeChat requires TLS 1.2 or later',
    },
    octet: 9,
    httpPort: false,
  },
  {
    case: 'tls11-only',
    group: 'tls',
    expectedCause: 'tls-version-unsupported',
    wrong: {
      zh: '只支持 TLS 1.1，微信要求 TLS 1.2 及以上',
      en: 'speaks TLS 1.1 only; WeChat requires TLS 1.2 or later',
    },
    octet: 10,
    httpPort: false,
  },
  {
    case: 'no-shared-cipher',
    group: 'tls',
    expectedCause: 'tls-handshake-failure',
    wrong: {
      zh: '服务器只配置了 RSA 加密套件，但证书是 ECDSA：没有可用的共同套件，握手以 handshake_failure 告警结束',
      en: 'the server lists only RSA cipher suites but has an ECDSA certificate: no usable shared cipher, the handshake ends with a handshake_failure alert',
    },
    octet: 11,
    httpPort: false,
  },
  {
    case: 'icp-block',
    group: 'icp',
    expectedCause: 'icp-filing-block',
    wrong: {
      zh: '模拟阿里云未备案拦截：SNI 为本域名的 ClientHello 之后立即 TCP RST（少量漏过），其他 SNI 与无 SNI 正常；HTTP 端口返回 403 Server: Beaver 备案拦截页',
      en: 'an Alibaba Cloud-style ICP filter: TCP RST right after a ClientHello naming this host (a few leak through), other SNIs and no SNI pass; its HTTP port answers the 403 "Server: Beaver" block page',
    },
    octet: 12,
    httpPort: true,
  },
  {
    case: 'icp-block-tencent',
    group: 'icp',
    expectedCause: 'icp-filing-block',
    wrong: {
      zh: '模拟腾讯云未备案拦截：TLS 同上；HTTP 端口 302 跳转到 dnspod.qcloud.com 的 webblock 页',
      en: 'a Tencent Cloud-style ICP filter: TLS as above; its HTTP port answers 302 to the dnspod.qcloud.com webblock page',
    },
    octet: 13,
    httpPort: true,
  },
  {
    case: 'icp-drop',
    group: 'icp',
    expectedCause: 'icp-filing-block',
    wrong: {
      zh: '按 SNI 丢包的过滤器：SNI 为本域名的 ClientHello 之后什么都不回（不 RST，连接一直挂起），其他 SNI 与无 SNI 正常',
      en: 'an SNI filter that drops: after a ClientHello naming this host nothing comes back (no RST, the connection just hangs); other SNIs and no SNI pass',
    },
    octet: 45,
    httpPort: false,
  },
  {
    case: 'client-cert-required',
    group: 'tls',
    expectedCause: 'tls-handshake-failure',
    wrong: {
      zh: '服务器要求客户端证书（TLS 1.3 回 certificate_required，TLS 1.2 在 CertificateRequest 之后回 handshake_failure），wx.request 无法出示客户端证书',
      en: 'the server requires a client certificate (TLS 1.3: certificate_required; TLS 1.2: handshake_failure after a CertificateRequest); wx.request cannot present one',
    },
    octet: 46,
    httpPort: false,
  },
  {
    case: 'reset-all',
    group: 'tls',
    expectedCause: 'tls-reset',
    wrong: {
      zh: '无论 SNI 是什么，收到 ClientHello 后都发 TCP RST',
      en: 'sends a TCP RST after every ClientHello, whatever the SNI',
    },
    octet: 14,
    httpPort: false,
  },
  {
    case: 'close-after-hello',
    group: 'tls',
    expectedCause: 'tls-reset',
    wrong: {
      zh: '收到 ClientHello 后正常关闭连接（FIN，不是 RST），不回任何字节',
      en: 'closes the connection after the ClientHello (FIN, not RST) without sending a byte',
    },
    octet: 15,
    httpPort: false,
  },
  {
    case: 'hang-after-hello',
    group: 'tls',
    expectedCause: 'tls-handshake-failure',
    wrong: {
      zh: '接受连接、收下 ClientHello 后再无回应，握手一直挂起直到客户端超时',
      en: 'accepts, reads the ClientHello and never answers: the handshake hangs until the client times out',
    },
    octet: 16,
    httpPort: false,
  },
  {
    case: 'random-resets',
    group: 'tls',
    expectedCause: 'tls-reset',
    wrong: {
      zh: '像丢包的线路或过载的前端：无论 SNI 是什么，随机约 30% 的连接在 ClientHello 之后被 TCP RST（服务器一个字节未回），其余正常。不是备案拦截',
      en: 'like a lossy path or an overloaded front: whatever the SNI, about 30% of connections at random get a TCP RST right after the ClientHello (no server byte), the rest pass. Not an ICP filter',
    },
    octet: 40,
    httpPort: false,
  },
  {
    case: 'several-addresses',
    group: 'address',
    expectedCause: 'cert-expired',
    wrong: {
      zh: '域名解析到两个 IPv4 地址，同一端口：第一个正常，第二个返回已过期的证书（分配到第二个地址的手机失败）',
      en: 'the name resolves to two IPv4 addresses on the same port: the first is fine, the second serves an expired certificate (phones given the second address fail)',
    },
    octet: 43,
    httpPort: false,
  },
  {
    case: 'broken-aaaa',
    group: 'address',
    expectedCause: 'tls-reset',
    wrong: {
      zh: `A 记录正常；AAAA 记录 ${LAB_IPV6_ADDRESS} 的同一端口在 ClientHello 之后立即 TCP RST（IPv6 网络的手机失败，IPv4 Wi-Fi 正常）`,
      en: `the A record is fine; on its AAAA record ${LAB_IPV6_ADDRESS} the same port sends a TCP RST right after the ClientHello (phones on IPv6 networks fail, IPv4 Wi-Fi works)`,
    },
    octet: 44,
    httpPort: false,
  },
  {
    case: 'refused',
    group: 'tcp',
    expectedCause: 'tcp-refused',
    wrong: {
      zh: '端口上没有任何程序监听（SYN 收到 RST）',
      en: 'nothing listens on the port (SYN answered by RST)',
    },
    octet: 17,
    httpPort: false,
  },
  {
    case: 'dropped',
    group: 'tcp',
    expectedCause: 'tcp-timeout',
    wrong: {
      zh: 'SYN 无应答（像防火墙/安全组丢包），连接超时',
      en: 'SYN unanswered (like a firewall or security group dropping it): the connect times out',
    },
    octet: 18,
    httpPort: false,
  },
  {
    case: 'plain-http',
    group: 'http',
    expectedCause: 'not-https',
    wrong: {
      zh: 'HTTPS 地址的端口上说的是明文 HTTP',
      en: 'the port of an https:// URL speaks plain HTTP',
    },
    octet: 19,
    httpPort: false,
  },
  {
    case: 'status-502',
    group: 'http',
    expectedCause: 'http-error-status',
    wrong: {
      zh: 'TLS 正常，但总是返回 502 Bad Gateway',
      en: 'TLS is fine but it always answers 502 Bad Gateway',
    },
    octet: 20,
    httpPort: false,
  },
  {
    case: 'redirect-to-http',
    group: 'http',
    expectedCause: 'redirect-problem',
    wrong: { zh: '301 重定向到 http:// 地址', en: 'a 301 redirect to an http:// URL' },
    octet: 21,
    httpPort: true,
  },
  {
    case: 'redirect-loop',
    group: 'http',
    expectedCause: 'redirect-problem',
    wrong: { zh: '302 重定向循环：/ → /a → /b → /a …', en: 'a 302 redirect loop: / → /a → /b → /a …' },
    octet: 22,
    httpPort: false,
  },
  {
    case: 'redirect-offsite',
    group: 'http',
    expectedCause: 'redirect-problem',
    wrong: {
      zh: `302 重定向到另一个域名 ${OFFSITE_NAME}（不在小程序的合法域名列表里）`,
      en: `a 302 redirect to another domain, ${OFFSITE_NAME} (not in the mini-program's domain list)`,
    },
    octet: 23,
    httpPort: false,
  },
  {
    case: 'slow',
    group: 'http',
    expectedCause: 'server-slow',
    wrong: {
      zh: 'TLS 正常，但 HTTP 响应要等很久（默认 15 秒，超过一般客户端超时）',
      en: 'TLS is fine but the HTTP answer takes long (15 s by default, past a typical client timeout)',
    },
    octet: 24,
    httpPort: false,
  },
  {
    case: 'h2-only',
    group: 'http',
    expectedCause: 'tls-handshake-failure',
    wrong: {
      zh: '只接受 ALPN h2：只提供 http/1.1 的客户端收到 no_application_protocol 告警',
      en: 'accepts ALPN h2 only: a client offering just http/1.1 gets a no_application_protocol alert',
    },
    octet: 25,
    httpPort: false,
  },
  {
    case: 'nxdomain',
    group: 'dns',
    expectedCause: 'dns-failure',
    wrong: { zh: '域名不存在（NXDOMAIN）', en: 'the name does not exist (NXDOMAIN)' },
    octet: null,
    httpPort: false,
  },
  {
    case: 'servfail',
    group: 'dns',
    expectedCause: 'dns-failure',
    wrong: { zh: 'DNS 服务器返回 SERVFAIL', en: 'the DNS server answers SERVFAIL' },
    octet: null,
    httpPort: false,
  },
  {
    case: 'empty',
    group: 'dns',
    expectedCause: 'dns-failure',
    wrong: {
      zh: 'DNS 回答 NOERROR 但没有 A/AAAA 记录',
      en: 'DNS answers NOERROR with no A/AAAA record',
    },
    octet: null,
    httpPort: false,
  },
  {
    case: 'timeout',
    group: 'dns',
    expectedCause: 'dns-failure',
    wrong: {
      zh: 'DNS 服务器对这个名字不作任何回答（超时）',
      en: 'the DNS server never answers for this name (timeout)',
    },
    octet: null,
    httpPort: false,
  },
  {
    case: 'cname',
    group: 'dns',
    expectedCause: 'ok',
    wrong: {
      zh: '没有问题：两级 CNAME（cname → cname-2 → ok）指向 ok 的地址',
      en: 'nothing: a two-step CNAME chain (cname → cname-2 → ok) ending at the ok address',
    },
    octet: null,
    httpPort: false,
  },
  {
    case: 'rebind',
    group: 'dns',
    expectedCause: 'ok',
    wrong: {
      zh: `DNS 重绑定测试：第一次解析到 ok 的地址，之后解析到 ${REBIND_SECOND_ADDRESS}（TTL 0）；站点本身正常，正确的探测只连接它检查过的第一个地址`,
      en: `a DNS-rebinding test: the first lookup gives the ok address, later ones ${REBIND_SECOND_ADDRESS} (TTL 0); the site itself is fine, a correct probe connects only to the first address it checked`,
    },
    octet: null,
    httpPort: false,
  },
] as const satisfies readonly LabCaseSpec[];

export type LabCaseName = (typeof LAB_CASES)[number]['case'];

export const LAB_CASE_NAMES: readonly LabCaseName[] = LAB_CASES.map((c) => c.case);

export function isLabCaseName(value: string): value is LabCaseName {
  return (LAB_CASE_NAMES as readonly string[]).includes(value);
}

/** The cases of these groups, in manifest order: what a test of one kind of failure starts. */
export function casesInGroups(...groups: CaseGroup[]): LabCaseName[] {
  return LAB_CASES.filter((c) => (groups as readonly string[]).includes(c.group)).map((c) => c.case);
}

export function caseSpec(name: LabCaseName): LabCaseSpec {
  const spec = LAB_CASES.find((c) => c.case === name);
  if (!spec) throw new Error(`unknown lab case: ${name}`);
  return spec;
}

export function hostOfCase(name: string): string {
  return `${name}.${LAB_DOMAIN}`;
}
