/**
 * Texts for the views family: the phone's error names a class the outside probe could not
 * reproduce. Each says what the phone reported, what the probe saw, why the probe may not see it,
 * and what would settle it.
 */
import { L, joinL, type Texts } from '../rule';
import type { Localized } from '../../taxonomy/codes';

/** The classes of phone error the probe can look for itself (rules/views.ts). */
export type PhoneOnlyClass = 'cert-name' | 'cert-authority' | 'tls-version';

export type PhoneOnlyFacts = {
  cls: PhoneOnlyClass;
  host: string;
  port: number | null;
  /** the phone's raw error names, as classified (ERR_CERT_COMMON_NAME_INVALID …) */
  codeNames: string[];
  /** the address the probe checked */
  probeAddress: string | null;
  /** the addresses the failing requests reached (profile.peerIP), when known */
  peerIps: string[];
  /** some peerIP is not among the probe's addresses */
  peerElsewhere: boolean;
  android: boolean;
};

const CLASS_WORDS: Record<PhoneOnlyClass, { title: Localized; probeSaw: Localized }> = {
  'cert-name': {
    title: L(`手机报证书与域名不符`, `The phone says the certificate does not cover`),
    probeSaw: L(
      `外部探测拿到的证书覆盖了这个域名，主机名校验通过`,
      `the certificate the probe received covers the name and passes the hostname check`,
    ),
  },
  'cert-authority': {
    title: L(`手机报证书不受信任`, `The phone does not trust the certificate of`),
    probeSaw: L(
      `外部探测拿到的证书链完整，校验通过`,
      `the chain the probe received is complete and verifies`,
    ),
  },
  'tls-version': {
    title: L(`手机报 TLS 版本或加密套件不匹配`, `The phone finds no common TLS version or cipher with`),
    probeSaw: L(`外部探测用 TLS 1.2/1.3 握手成功`, `the probe's TLS 1.2 / 1.3 handshakes complete`),
  },
};

/** Why the probe may not see what the phone sees, for this class. */
function reasons(f: PhoneOnlyFacts): Localized[] {
  const address = f.peerElsewhere
    ? L(
        `手机连到的是另一个地址：profile.peerIP 是 ${f.peerIps.join('、')}，而探测检查的是 ${f.probeAddress ?? '?'}。分区/智能解析、IPv6（AAAA）与 IPv4 走不同的服务器时，另一个地址上的配置可能不同。`,
        `The phone reached another address: profile.peerIP is ${f.peerIps.join(', ')} while the probe checked ${f.probeAddress ?? '?'}. With split or geo DNS, or IPv6 (AAAA) and IPv4 served by different machines, the other address may be configured differently.`,
      )
    : f.peerIps.length > 0
      ? L(
          `手机连到的地址（${f.peerIps.join('、')}）与探测检查的相同，所以更可能是下面几种原因。`,
          `The phone reached the same address the probe checked (${f.peerIps.join(', ')}), so the reasons below are the likelier ones.`,
        )
      : L(
          `手机可能连到了另一个地址（分区/智能解析，或 IPv6 与 IPv4 指向不同的服务器）：失败的请求没有记录 profile.peerIP 可以对照。`,
          `The phone may have reached another address (split or geo DNS, or IPv6 and IPv4 served by different machines): the failing requests recorded no profile.peerIP to compare.`,
        );
  const cdn = L(
    `用了 CDN 或多台负载均衡时，手机所在地区的节点可能绑了另一张证书或另一套 TLS 配置。`,
    `Behind a CDN or several load balancers, the node serving the phone's region may carry another certificate or another TLS setup.`,
  );
  const proxy = L(
    `手机上有代理、VPN 或抓包工具（Charles、Fiddler、公司网关）拦截 HTTPS 时，手机看到的是代理的证书；连公共 Wi-Fi 时也可能遇到认证页劫持。`,
    `A proxy, VPN or capture tool on the phone (Charles, Fiddler, a company gateway) that intercepts HTTPS shows the phone the proxy's certificate; public Wi-Fi captive portals can do the same.`,
  );
  const platform: Record<PhoneOnlyClass, Localized> = {
    'cert-name': L(
      `手机的校验规则比探测（Node.js）更严：Android（Chromium 内核）和 iOS 只认 subjectAltName，不再回退到证书的 CN，只写了 CN 的证书在手机上一律不匹配。`,
      `The phone verifies more strictly than the probe (Node.js): Android (Chromium's verifier) and iOS match the subjectAltName only and no longer fall back to the certificate's CN, so a certificate naming the host in its CN alone fails on every phone.`,
    ),
    'cert-authority': f.android
      ? L(
          `Android 上的微信（Cronet）不会自动下载缺失的中间证书，手机的根证书库也可能比探测的旧（旧版 Android 缺少较新的根证书）。`,
          `WeChat on Android (Cronet) does not fetch a missing intermediate, and the phone's root store may be older than the probe's (old Android versions lack newer roots).`,
        )
      : L(
          `iOS 的信任规则与探测不同：根证书库不同，Apple 还对公开信任的证书另有要求（如有效期上限、签名算法）。`,
          `iOS trusts differently from the probe: another root store, and Apple's own requirements for publicly trusted certificates (e.g. a maximum validity, signature algorithms).`,
        ),
    'tls-version': L(
      `手机系统支持的 TLS 版本和加密套件与探测不同：旧版 Android/iOS 可能不支持服务器只开放的那几个套件（如只配了 CHACHA20 或特定曲线）。`,
      `The phone's system supports other TLS versions and ciphers than the probe: an old Android or iOS may lack the few suites the server offers (e.g. ChaCha20 only, or particular curves).`,
    ),
  };
  return [address, cdn, platform[f.cls], proxy];
}

export function phoneOnlyTexts(f: PhoneOnlyFacts): Texts {
  const words = CLASS_WORDS[f.cls];
  const codes = f.codeNames.length > 0 ? f.codeNames.join(', ') : '?';
  const where = f.port !== null && f.port !== 443 ? `${f.host}:${f.port}` : f.host;
  const resolveHint = f.peerIps[0] ?? '<peerIP>';
  return {
    title: L(
      `${words.title.zh}（${codes}），但外部探测没有复现`,
      `${words.title.en} ${f.host} (${codes}), which the outside probe does not reproduce`,
    ),
    explanation: joinL([
      L(
        `小程序端的请求报 ${codes}，而${words.probeSaw.zh}（地址 ${f.probeAddress ?? '?'}）。手机的报错本身就是证据，所以这里按它指向的原因排出，但置信度比探测也看到时低。探测看不到它，可能是因为：`,
        `The mini-program's requests fail with ${codes}, while ${words.probeSaw.en} (address ${f.probeAddress ?? '?'}). The phone's error is evidence in itself, so the cause it names is ranked here, with less confidence than when the probe sees it too. The probe may not see it because:`,
      ),
      ...reasons(f),
    ]),
    fix: joinL([
      L(
        `先确定是哪一种：在小程序里重新运行 wxprobe（它记录每次请求的 profile.peerIP），对比手机连到的地址与探测的地址；用 wxprobe probe https://${where}/ --resolve ${f.host}:${f.port ?? 443}:${resolveHint} 探测手机实际连到的地址；关掉手机的代理/VPN、换一个网络（4G 与 Wi-Fi）再试；在另一台手机（另一个系统）上试。`,
        `Settle which it is first: run wxprobe in the mini-program again (it records each request's profile.peerIP) and compare the address the phone reached with the probe's; probe the address the phone used with wxprobe probe https://${where}/ --resolve ${f.host}:${f.port ?? 443}:${resolveHint}; turn off the phone's proxy / VPN and try another network (4G and Wi-Fi); try a phone on the other system.`,
      ),
      L(
        `确认之后，按这个原因修复那一个地址或节点上的配置（证书、证书链或 TLS 版本）；如果是手机上的代理，修的是手机，不是服务器。`,
        `Once settled, fix the certificate, chain or TLS setup on that address or node; if it is a proxy on the phone, the phone needs fixing, not the server.`,
      ),
    ]),
  };
}
