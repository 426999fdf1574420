/** Texts for the domain-list family: `domain-not-in-list` and `domain-check-bypassed`. */
import type { ClientApi } from '../../taxonomy/codes';
import { L, joinL, type Texts } from '../rule';

/** The list in the mp console each API is checked against. */
export const DOMAIN_LIST_NAME: Record<ClientApi, string> = {
  request: 'request合法域名',
  uploadFile: 'uploadFile合法域名',
  downloadFile: 'downloadFile合法域名',
  connectSocket: 'socket合法域名',
};

/** A rule of the server-domain list the URL visibly breaks. */
export type Violation =
  | { rule: 'port-443' }
  | { rule: 'port'; port: number }
  | { rule: 'ip'; host: string }
  | { rule: 'scheme'; scheme: string }
  | { rule: 'redirect'; host: string }
  | { rule: 'other-host'; host: string };

function violationText(v: Violation, host: string, listName: string) {
  switch (v.rule) {
    case 'port-443':
      return L(
        `URL 里显式写了 :443。登记域名时如果没有配置端口，请求的 URL 就不能带任何端口，连默认的 443 也不行。`,
        `The URL spells out :443. When the domain is listed without a port, the URL may not contain any port, not even the default 443.`,
      );
    case 'port':
      return L(
        `URL 带了端口 :${v.port}。配置了端口的域名只能访问完全相同的端口，没配置端口的域名 URL 里不能带端口。`,
        `The URL carries port :${v.port}. A domain listed with a port only allows exactly that port; a domain listed without one allows no port in the URL.`,
      );
    case 'ip':
      return L(
        `URL 的主机是 IP 地址 ${v.host}，IP 无法登记为服务器域名。`,
        `The URL's host is the IP address ${v.host}, which cannot be listed as a server domain.`,
      );
    case 'scheme':
      return L(
        `URL 用的是 ${v.scheme}://，列表里只能登记 https:// 或 wss:// 的域名。`,
        `The URL uses ${v.scheme}://; only https:// or wss:// domains can be listed.`,
      );
    case 'redirect':
      return L(
        `请求被重定向到了 ${v.host}。重定向的目标域名也必须登记在「${listName}」里。`,
        `The request is redirected to ${v.host}. A redirect target must also be listed under “${listName}”.`,
      );
    case 'other-host':
      return L(
        `报错里点名的是 ${v.host}，而不是请求的 ${host}：被拒绝的是这个地址（可能是重定向目标，或代码里另一个请求）。`,
        `The error names ${v.host}, not the requested ${host}: that is the address refused (a redirect target, or another request in the code).`,
      );
  }
}

export function domainNotInListTexts(opts: {
  host: string;
  api: ClientApi;
  violations: Violation[];
  outsideOk: boolean;
  mixed: boolean;
}): Texts {
  const listName = DOMAIN_LIST_NAME[opts.api];
  const generic = L(
    `URL 本身看不出违反了哪条规则，常见原因：${opts.host} 没有登记在「${listName}」里；登记的是父域名或带/不带 www 的另一个名字（不支持父域名，每个子域名都要单独登记）；或者刚改了配置还没生效。`,
    `The URL itself breaks no visible rule. Common causes: ${opts.host} is not listed under “${listName}”; a parent domain or the other www/non-www name is listed instead (parent domains are not supported, list every subdomain); or a recent change has not taken effect yet.`,
  );
  const targets = opts.violations
    .filter(
      (v): v is Extract<Violation, { host: string }> => v.rule === 'redirect' || v.rule === 'other-host',
    )
    .map((v) => v.host);
  // An IP host cannot be listed at all: the URL has to change first.
  const ipHost = opts.violations.some((v) => v.rule === 'ip');
  const listable = [...(ipHost ? [] : [opts.host]), ...targets.filter((h) => h !== opts.host)];
  const hostsZh = listable.length > 0 ? listable.join('、') : '你的已备案域名';
  const hostsEn = listable.length > 0 ? listable.join(', ') : 'your ICP-filed domain';
  return {
    title: L(
      `小程序拒绝了这个 URL：不符合服务器域名列表（${listName}）`,
      `The mini-program refused the URL: it does not match the server-domain list (${listName})`,
    ),
    explanation: joinL([
      L(
        `微信在发出请求之前就拦下了它（errno 600002 / url not in domain list），请求根本没有离开手机。`,
        `WeChat stopped the request before sending it (errno 600002 / “url not in domain list”): it never left the phone.`,
      ),
      opts.outsideOk &&
        L(
          `从外部探测这个地址一切正常，所以问题只在小程序的域名配置上。`,
          `From outside the address works fine, so the problem is only the mini-program's domain configuration.`,
        ),
      opts.mixed &&
        L(
          `有的请求成功、有的被拒，常见于刚修改过域名配置、开发者工具或手机还缓存着旧配置的情况。`,
          `Some requests passed and some were refused; this is typical right after a domain-list change while devtools or the phone still caches the old list.`,
        ),
      ...(opts.violations.length > 0
        ? opts.violations.map((v) => violationText(v, opts.host, listName))
        : [generic]),
    ]),
    fix: joinL([
      ipHost &&
        L(
          `IP 地址无法登记：先给服务器绑定一个已备案的域名，把 URL 改成 https://域名/…。`,
          `An IP address cannot be listed: give the server an ICP-filed domain first and change the URL to https://<domain>/….`,
        ),
      L(
        `到 小程序后台 → 开发管理 → 开发设置 → 服务器域名，在「${listName}」里登记 ${hostsZh}（只写 https://域名，端口与请求完全一致；不写端口时 URL 里也不要带端口）。修改后在开发者工具「详情 → 项目配置」里刷新域名信息，手机上删除小程序后重新打开。`,
        `In the mp console go to 开发管理 (Development) → 开发设置 (Settings) → 服务器域名 (Server domains) and list ${hostsEn} under “${listName}” (https://domain only, with exactly the port the URL uses; no port listed means no port in the URL). Then refresh the domain info in devtools (详情 → 项目配置) and delete and reopen the mini-program on the phone.`,
      ),
    ]),
  };
}

export function domainCheckBypassedTexts(mode: 'off' | 'debug', passed: boolean): Texts {
  return {
    title: L(
      `小程序端跳过了域名和证书校验：这里的结果不代表正式版`,
      `The mini-program ran with domain and certificate checks skipped: this says nothing about the release`,
    ),
    explanation: joinL([
      mode === 'off'
        ? L(
            `客户端记录的 domainCheck=off：开发者工具勾选了“不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书”，或手机处于真机调试模式。`,
            `The client recorded domainCheck=off: devtools had “do not verify domains, web-view, TLS version and HTTPS certificate” ticked, or the phone was in remote-debug mode.`,
          )
        : L(
            `客户端运行在开发者工具里或打开了调试模式（enableDebug），无法确认域名校验是否开启；官方说明真机调试模式会忽略域名检查。`,
            `The client ran in devtools or with debug mode on (enableDebug), so whether domain checks were on is unknown; WeChat documents that remote debugging skips the domain check.`,
          ),
      passed
        ? L(
            `在这种模式下微信不检查服务器域名列表、TLS 版本和证书，所以请求成功并不能说明体验版、正式版也能成功（“打开调试模式能请求、关掉就不行”就是这种情况）。`,
            `In this mode WeChat checks neither the server-domain list nor the TLS version nor the certificate, so a success here does not mean the trial or release build will succeed (the classic “works with debug mode on, fails with it off”).`,
          )
        : L(
            `在这种模式下微信不检查服务器域名列表、TLS 版本和证书：即使修好了别的问题，这些检查也还没有被验证过。`,
            `In this mode WeChat checks neither the server-domain list nor the TLS version nor the certificate: even once other problems are fixed, these checks remain untested.`,
          ),
    ]),
    fix: L(
      `关掉开发者工具“详情 → 本地设置”里的“不校验合法域名…”（project.config.json 的 urlCheck），关闭调试模式，用真机预览或体验版再测一次。`,
      `Untick “do not verify domains…” in devtools (详情 → 本地设置, urlCheck in project.config.json), turn debug mode off, and test again with a phone preview or the trial build.`,
    ),
  };
}
