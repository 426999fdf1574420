/** Texts for the certificate family (`cert-*`). */
import type { CertPlatform } from '../../observations/evidence';
import type { Localized } from '../../taxonomy/codes';
import { certPlatformsText, certPlatformsVerb } from '../../observations/cert-platforms';
import { L, joinL, type Texts } from '../rule';

/**
 * Which of WeChat's platforms refuse the certificate on the verdict's rules and which accept it
 * (platform-profiles.ts), and what Node's own verification said: one sentence for the explanation.
 */
export function certPlatformsSentence(
  reject: readonly CertPlatform[],
  accept: readonly CertPlatform[],
  nodeAccepts: boolean,
): Localized {
  const zh = [
    reject.length > 0 && `${certPlatformsText(reject, 'zh')}会拒绝这张证书`,
    accept.length > 0 && `${certPlatformsText(accept, 'zh')}在这一点上接受`,
  ].filter(Boolean);
  const en = [
    reject.length > 0 &&
      `${certPlatformsText(reject, 'en')} ${certPlatformsVerb(reject, 'reject')} this certificate`,
    accept.length > 0 &&
      `${certPlatformsText(accept, 'en')} ${certPlatformsVerb(accept, 'accept')} it on this point`,
  ].filter(Boolean);
  return joinL([
    L(
      `按微信各端的证书校验规则：${zh.join('；')}。`,
      `By the certificate rules of WeChat's platforms: ${en.join('; ')}.`,
    ),
    nodeAccepts &&
      reject.length > 0 &&
      L(
        `Node 的校验（curl、本探测等工具）接受它，所以只在那些工具里看是看不出问题的。`,
        `Node's verification (and tools like it, this probe included) accepts it, so those tools alone do not show the problem.`,
      ),
  ]);
}

/** The port the probe checked (the URL's), 443 when nothing says otherwise. */
const CHECK = (host: string, port: number | null) =>
  L(
    `改完用 openssl s_client -connect ${host}:${port ?? 443} -servername ${host} -showcerts 或 myssl.com 检查证书链。`,
    `Check the chain afterwards with openssl s_client -connect ${host}:${port ?? 443} -servername ${host} -showcerts, or an online checker such as myssl.com.`,
  );

export function certExpiredTexts(
  host: string,
  intermediate: boolean,
  notAfter: string | null,
  port: number | null,
): Texts {
  const which = intermediate ? L('中间证书', 'intermediate certificate') : L('证书', 'certificate');
  const until = notAfter ? L(`有效期截止到 ${notAfter}，`, ` was valid until ${notAfter} and`) : L('', '');
  return {
    title: L(`${host} 的${which.zh}已过期`, `The ${which.en} for ${host} has expired`),
    explanation: joinL([
      L(
        `服务器发送的${which.zh}${until.zh}在探测时已经过期。小程序会拒绝过期证书，手机上通常报 ERR_CERT_DATE_INVALID（-201）。`,
        `The ${which.en} the server sends${until.en} had expired when probed. Mini-programs refuse expired certificates; phones usually report ERR_CERT_DATE_INVALID (-201).`,
      ),
      L(
        `如果域名因为未备案被拦截，Let's Encrypt 的 HTTP-01 续期也会失败，证书就会悄悄过期。`,
        `If the domain is blocked for lacking ICP filing, Let's Encrypt HTTP-01 renewals fail too, and the certificate silently expires.`,
      ),
    ]),
    fix: joinL([
      L(
        `续期证书并在 nginx 中换上新的证书文件（fullchain），然后重载 nginx；检查自动续期任务（acme.sh / certbot 的定时任务、云厂商证书托管）为什么没有生效。`,
        `Renew the certificate, install the new files (fullchain) in nginx and reload it; find out why automatic renewal (acme.sh / certbot cron, the provider's certificate service) did not run.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certNotYetValidTexts(
  host: string,
  notBefore: string | null,
  mode: 'server' | 'phone-clock',
  port: number | null,
): Texts {
  return mode === 'server'
    ? {
        title: L(`${host} 的证书尚未生效`, `The certificate for ${host} is not valid yet`),
        explanation: L(
          `服务器发送的证书从 ${notBefore} 才开始生效，探测时还没到这个时间。常见原因是签发证书的机器时钟不对，或者提前部署了一张新证书。手机上报 ERR_CERT_DATE_INVALID（-201）。`,
          `The certificate the server sends only becomes valid at ${notBefore}, later than the probe's time. Usually the issuing machine's clock was wrong, or a new certificate was deployed too early. Phones report ERR_CERT_DATE_INVALID (-201).`,
        ),
        fix: joinL([
          L(
            `换回当前有效的证书，或等到生效时间后再部署；检查服务器和签发环境的系统时间（NTP）。`,
            `Put back the currently valid certificate or deploy the new one after its start date; check the system time (NTP) of the server and of the issuing environment.`,
          ),
          CHECK(host, port),
        ]),
      }
    : {
        title: L(
          `手机报证书日期无效，但服务器证书在有效期内`,
          `The phone reports a certificate date error, but the server's certificate is valid`,
        ),
        explanation: L(
          `外部探测看到的证书在有效期内，小程序端却报证书日期错误（ERR_CERT_DATE_INVALID / -1201 / -1204）。最可能的是手机的系统时间不对（被手动改过或电池耗尽后重置）；也可能手机连到的是另一台服务器（看 dns-mismatch）。`,
          `The certificate the probe sees is within its validity period, yet the mini-program reports a certificate date error (ERR_CERT_DATE_INVALID / -1201 / -1204). Most likely the phone's clock is wrong (set by hand or reset after a dead battery); or the phone reached another server (see dns-mismatch).`,
        ),
        fix: L(
          `让用户打开手机的“自动设置时间”后重试；如果很多用户都遇到，检查各条解析线路上的服务器证书。`,
          `Have the user turn on automatic date & time on the phone and retry; if many users see it, check the certificates on every DNS view's server.`,
        ),
      };
}

export function certHostnameTexts(host: string, sans: string[], port: number | null): Texts {
  const list = sans.length > 0 ? sans.slice(0, 8).join(', ') : '(none)';
  return {
    title: L(`证书不包含域名 ${host}`, `The certificate does not cover ${host}`),
    explanation: L(
      `服务器为 ${host} 发送的证书，SAN 列表是 ${list}，没有一项与 ${host} 匹配。常见原因：证书申请时漏了这个子域名（通配符 *.a.com 不包括 a.com 本身，也不包括多级子域名）、nginx 的 server_name 没匹配上而返回了默认站点的证书，或 CDN/负载均衡上绑错了证书。手机上报 ERR_CERT_COMMON_NAME_INVALID（-200）。`,
      `The certificate the server sends for ${host} lists SANs ${list}, none of which matches ${host}. Common causes: the subdomain was left out when the certificate was issued (*.a.com covers neither a.com nor deeper subdomains), nginx's server_name did not match and the default site's certificate was sent, or the CDN / load balancer has the wrong certificate bound. Phones report ERR_CERT_COMMON_NAME_INVALID (-200).`,
    ),
    fix: joinL([
      L(
        `申请包含 ${host} 的证书（或把它加进 SAN），确认 nginx 对应 server 块的 server_name 写的是 ${host} 且 ssl_certificate 指向这张证书；用了 CDN 的话在 CDN 控制台更新 HTTPS 证书。`,
        `Get a certificate that includes ${host} (add it to the SANs), make sure the nginx server block for ${host} has the right server_name and ssl_certificate; on a CDN, update the HTTPS certificate in its console.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certCnOnlyTexts(
  host: string,
  subject: string,
  nodeAccepts: boolean,
  port: number | null,
): Texts {
  return {
    title: L(
      `${host} 的证书没有 SAN，域名只写在 CN 里`,
      `The certificate for ${host} has no subjectAltName, the name only in its CN`,
    ),
    explanation: joinL([
      L(
        `服务器发送的证书没有 subjectAltName（SAN）扩展，域名只写在 subject 的 CN 里（${subject}）。Chrome 58 起的 Chromium（Android 微信用的 Cronet、开发者工具、PC 微信）和 iOS 13 起的苹果系统都不再看 CN，只认 SAN，所以手机上报 ERR_CERT_COMMON_NAME_INVALID（-200）或证书无效。`,
        `The certificate the server sends has no subjectAltName (SAN) extension; the name is only in the subject CN (${subject}). Chromium since Chrome 58 (Cronet in Android WeChat, devtools, PC WeChat) and Apple since iOS 13 no longer read the CN, only the SAN, so phones report ERR_CERT_COMMON_NAME_INVALID (-200) or an invalid certificate.`,
      ),
      nodeAccepts &&
        L(
          `Node 的主机名校验在没有 SAN 时仍会退回去看 CN，所以本探测的 Node 校验和 curl 之类的工具都显示正常，这正是它容易被漏掉的原因。`,
          `Node's hostname check still falls back to the CN when there is no SAN, so the probe's Node verification and tools like curl say it is fine, which is why this one is easy to miss.`,
        ),
    ]),
    fix: joinL([
      L(
        `重新签发证书，把 ${host} 写进 SAN（openssl 用 -addext "subjectAltName=DNS:${host}"，或在 CSR 配置的 [alt_names] 里加上；公共 CA 签发的证书都带 SAN），然后在 nginx 中换上。`,
        `Reissue the certificate with ${host} in the SAN (openssl -addext "subjectAltName=DNS:${host}", or [alt_names] in the CSR config; certificates from public CAs always carry SANs), then install it in nginx.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certSelfSignedTexts(host: string, trustedByProbe: boolean, port: number | null): Texts {
  return {
    title: L(`${host} 使用的是自签名证书`, `${host} uses a self-signed certificate`),
    explanation: joinL([
      L(
        `服务器证书的签发者就是它自己，没有任何公共 CA 为它背书。手机系统不信任这样的证书，iOS 更是明确不支持自签名证书，小程序会报 ERR_CERT_AUTHORITY_INVALID（-202）。`,
        `The server's certificate is issued by itself; no public CA vouches for it. Phones do not trust it, and iOS explicitly rejects self-signed certificates; the mini-program reports ERR_CERT_AUTHORITY_INVALID (-202).`,
      ),
      trustedByProbe &&
        L(
          `探测时用 --ca 信任了它，所以校验通过，但用户的手机上不会有这个信任。`,
          `The probe trusted it through --ca, so verification passed here, but users' phones have no such trust.`,
        ),
    ]),
    fix: joinL([
      L(
        `换成公共 CA 签发的证书（云厂商的免费证书、Let's Encrypt 等都可以），在 nginx 中配置完整证书链。`,
        `Replace it with a certificate from a public CA (a cloud provider's free certificate, Let's Encrypt, …) and serve the full chain in nginx.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certUntrustedRootTexts(
  host: string,
  root: string | null,
  aiaTried: boolean,
  port: number | null,
): Texts {
  const ends =
    root === null
      ? L(`证书链指向的根证书`, `The chain's root`)
      : L(`证书链最终指向 ${root}，它`, `The chain ends at ${root}, which`);
  return {
    title: L(
      `${host} 的证书链指向一个不受信任的根证书`,
      `The certificate chain for ${host} ends at an untrusted root`,
    ),
    explanation: joinL([
      L(
        `${ends.zh}不在主流系统（Mozilla 根证书库）的信任列表里。手机无法验证这张证书，小程序报 ERR_CERT_AUTHORITY_INVALID（-202）。常见于企业内部 CA、测试 CA，或已被各系统移除信任的 CA。`,
        `${ends.en} is not in the mainstream trust stores (the Mozilla root store). Phones cannot verify the certificate; the mini-program reports ERR_CERT_AUTHORITY_INVALID (-202). Typical for a corporate or test CA, or a CA whose trust the platforms withdrew.`,
      ),
      aiaTried &&
        L(
          `探测已按证书里的 AIA 地址下载了缺少的签发证书，补全后仍然到不了受信任的根，所以这不是“证书链不完整”的问题。`,
          `The probe fetched the missing issuer from the certificate's AIA URL and the completed chain still reaches no trusted root, so this is not a missing-intermediate problem.`,
        ),
    ]),
    fix: joinL([
      L(
        `换成受信任的公共 CA 签发的证书，并配置完整证书链。`,
        `Use a certificate from a publicly trusted CA and serve the full chain.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certChainIncompleteTexts(
  host: string,
  sent: number,
  aiaConfirmed: boolean,
  port: number | null,
): Texts {
  return {
    title: L(
      `${host} 没有发送中间证书，证书链不完整`,
      `${host} does not send its intermediate certificate: the chain is incomplete`,
    ),
    explanation: joinL([
      L(
        `服务器只发送了 ${sent} 张证书，缺少把它连到根证书的中间证书。`,
        `The server sends only ${sent} certificate(s), without the intermediate that links it to a root.`,
      ),
      aiaConfirmed
        ? L(
            `探测按证书里的 AIA 地址下载到了中间证书，补全后校验通过，说明证书本身没问题，只是服务器少发了中间证书。`,
            `The probe fetched the intermediate from the certificate's AIA URL and the completed chain verifies, so the certificate itself is fine: the server just does not send the intermediate.`,
          )
        : L(
            `探测没能通过 AIA 补全证书链，无法百分之百排除根证书不受信任，但缺中间证书是最常见的原因。`,
            `The probe could not complete the chain through AIA, so an untrusted root cannot be fully ruled out, but a missing intermediate is by far the most common cause.`,
          ),
      L(
        `iOS、Windows、macOS 和桌面浏览器会自己按 AIA 去下载缺的中间证书，所以“浏览器和苹果手机都正常、部分安卓手机报错”就是这个问题的典型表现（安卓报 ssl hand shake error 或 ERR_CERT_AUTHORITY_INVALID）。`,
        `iOS, Windows, macOS and desktop browsers fetch a missing intermediate via AIA themselves, so “works in browsers and on iPhones, fails on some Android phones” is the classic sign (Android reports “ssl hand shake error” or ERR_CERT_AUTHORITY_INVALID).`,
      ),
    ]),
    fix: joinL([
      L(
        `在 nginx 的 ssl_certificate 里使用包含中间证书的 fullchain 文件（证书在前、中间证书在后；acme.sh 用 fullchain.cer，certbot 用 fullchain.pem，云厂商下载的 nginx 格式证书一般已包含），然后重载 nginx。`,
        `Point nginx's ssl_certificate at the fullchain file (leaf first, then the intermediate; acme.sh fullchain.cer, certbot fullchain.pem, a provider's nginx-format download usually includes it), then reload nginx.`,
      ),
      CHECK(host, port),
    ]),
  };
}

export function certWeakTexts(
  host: string,
  problems: string[],
  port: number | null,
  kinds: { crypto: boolean; rules: boolean } = { crypto: true, rules: false },
): Texts {
  const list = problems.join('；');
  const listEn = problems.join('; ');
  return {
    title: kinds.rules
      ? L(
          `${host} 的证书不符合微信各端对证书的要求`,
          `The certificate for ${host} breaks rules WeChat's platforms enforce`,
        )
      : L(
          `${host} 的证书使用了客户端会拒绝的弱算法`,
          `The certificate for ${host} uses algorithms clients reject`,
        ),
    explanation: joinL([
      L(`证书存在以下问题：${list}。`, `The certificate has these problems: ${listEn}.`),
      kinds.crypto &&
        L(
          `现代系统和微信使用的 TLS 库会拒绝 SHA-1（更别说 MD5）签名的证书，iOS 还要求 RSA 密钥至少 2048 位，手机上通常报 ERR_CERT_WEAK_SIGNATURE_ALGORITHM、ERR_CERT_WEAK_KEY、ERR_CERT_INVALID 或握手失败。`,
          `Modern systems and the TLS library WeChat uses reject SHA-1 (let alone MD5) signatures, and iOS requires RSA keys of at least 2048 bits; phones usually report ERR_CERT_WEAK_SIGNATURE_ALGORITHM, ERR_CERT_WEAK_KEY, ERR_CERT_INVALID or a handshake failure.`,
        ),
      kinds.rules &&
        L(
          `iOS 13 起要求服务器证书带有含 serverAuth 的 EKU、有效期不超过 825 天（公共 CA 在 2020-09-01 之后签发的不超过 398 天）；Chromium（Android 微信、开发者工具、PC 微信）对公共 CA 的证书同样限制 398 天，并要求 EKU 允许 serverAuth、证书名符合 CA 的名称约束。`,
          `Since iOS 13 a server certificate needs an EKU with serverAuth and at most 825 days of validity (398 days when a public CA issued it after 2020-09-01); Chromium (Android WeChat, devtools, PC WeChat) caps publicly trusted certificates at 398 days as well, and requires an EKU that allows serverAuth and names within the CA's name constraints.`,
        ),
    ]),
    fix: joinL([
      kinds.crypto &&
        L(
          `重新生成 RSA 2048 位以上（或 ECDSA P-256）的密钥，向 CA 申请 SHA-256 签名的新证书并部署完整证书链。`,
          `Generate a new RSA key of at least 2048 bits (or ECDSA P-256), get a SHA-256-signed certificate from the CA, and deploy it with the full chain.`,
        ),
      kinds.rules &&
        L(
          `向 CA 重新申请符合要求的证书（EKU 含 serverAuth、有效期不超过 398 天、域名在 CA 允许的范围内），部署完整证书链。`,
          `Get a compliant certificate from the CA (EKU with serverAuth, at most 398 days, names the CA may issue for) and deploy it with the full chain.`,
        ),
      CHECK(host, port),
    ]),
  };
}
