/** Texts for the HTTP family: `http-error-status`, `redirect-problem`, `server-slow`. */
import { L, joinL, type Texts } from '../rule';

function statusMeaning(status: number, method: string) {
  if (status === 502 || status === 504)
    return L(
      `${status} 来自反向代理（如 nginx）：它连不上或等不到后端应用（后端没启动、端口不对、崩溃或超时）。`,
      `${status} comes from the reverse proxy (e.g. nginx): it cannot reach or wait for the backend app (not running, wrong port, crashed or timing out).`,
    );
  if (status === 503)
    return L(
      `503 表示服务暂时不可用（过载、维护或被限流）。`,
      `503 means the service is temporarily unavailable (overloaded, maintenance or rate limiting).`,
    );
  if (status >= 500)
    return L(
      `${status} 是服务器内部错误，应用处理请求时出错了。`,
      `${status} is a server-side error: the app failed while handling the request.`,
    );
  if (status === 404)
    return L(
      `404 表示路径不存在：检查 URL 路径、nginx 的 location 和反向代理的路径改写。`,
      `404 means the path does not exist: check the URL path, nginx's location blocks and proxy path rewriting.`,
    );
  if (status === 401 || status === 403)
    return L(
      `${status} 表示被拒绝访问。探测发出的是不带登录态的 ${method} 请求，如果接口本来就需要鉴权，这个状态码可能是正常的；但也可能是 WAF、防盗链（Referer 固定为 https://servicewechat.com/…）或 IP 白名单拦了请求。`,
      `${status} means access was denied. The probe sends a ${method} without your app's credentials, so if the endpoint requires auth this may be expected; it can also be a WAF, hotlink protection (the Referer is fixed to https://servicewechat.com/…) or an IP allow-list.`,
    );
  if (status === 405)
    return L(
      `405 表示不允许这个请求方法，探测用的方法可能与小程序里的不同。`,
      `405 means the method is not allowed; the probe's method may differ from the mini-program's.`,
    );
  return L(`${status} 是客户端错误状态。`, `${status} is a client-error status.`);
}

export function httpStatusTexts(url: string, status: number, method: string, fromClient: boolean): Texts {
  return {
    title: L(`服务器返回 HTTP ${status}`, `The server answers HTTP ${status}`),
    explanation: joinL([
      L(
        `网络和 TLS 都是通的，请求到达了服务器，但 ${url} 返回了 ${status}。在小程序里任何 HTTP 状态码都会进入 success 回调，所以代码需要自己检查 statusCode。`,
        `Network and TLS work and the request reached the server, but ${url} answered ${status}. In a mini-program any HTTP status goes to the success callback, so the code must check statusCode itself.`,
      ),
      statusMeaning(status, method),
      fromClient && L(`这个状态码是小程序端实际收到的。`, `The mini-program itself received this status.`),
    ]),
    fix: L(
      `查看服务器（nginx access/error 日志和应用日志）里这个请求的记录，修复对应的后端问题；在小程序代码里对 statusCode >= 400 做错误处理。`,
      `Look up this request in the server's logs (nginx access/error and the app's), fix the backend problem, and handle statusCode >= 400 in the mini-program code.`,
    ),
  };
}

export type RedirectIssue = { kind: 'to-http' | 'offsite' | 'loop' | 'too-many'; detail: string };

export function redirectTexts(host: string, issues: RedirectIssue[]): Texts {
  const parts = issues.map((i) => {
    switch (i.kind) {
      case 'to-http':
        return L(
          `重定向到了明文的 ${i.detail}：小程序只允许 https，这一跳会失败（也说明服务器的 http/https 跳转配反了）。`,
          `It redirects to plain ${i.detail}: mini-programs only allow https, so this hop fails (and the server's http/https redirect is probably backwards).`,
        );
      case 'offsite':
        return L(
          `重定向到了另一个域名 ${i.detail}：这个域名也必须登记在服务器域名列表里，否则小程序报 url not in domain list。`,
          `It redirects to another domain, ${i.detail}: that domain must also be in the server-domain list, or the mini-program reports “url not in domain list”.`,
        );
      case 'loop':
        return L(
          `重定向形成了循环（${i.detail}），请求永远到不了终点。`,
          `The redirects form a loop (${i.detail}); the request never arrives anywhere.`,
        );
      case 'too-many':
        return L(
          `跟随了 ${i.detail} 次重定向仍未结束，小程序会报超过最大重定向次数（errno 600008）。`,
          `After ${i.detail} redirects there was still no final answer; the mini-program reports the maximum redirect count (errno 600008).`,
        );
    }
  });
  return {
    title: L(`${host} 的重定向有问题`, `The redirects from ${host} are broken`),
    explanation: joinL(parts),
    fix: L(
      `让小程序直接请求最终地址，不要依赖重定向；检查 nginx 的 return 301/rewrite 规则和应用框架的“强制 HTTPS/尾部斜杠”设置，确保跳转目标是 https:// 的同一域名，且不会跳回自己（反向代理后面要正确传递 X-Forwarded-Proto）。`,
      `Have the mini-program call the final URL directly instead of relying on redirects; check nginx's return 301 / rewrite rules and the framework's force-HTTPS / trailing-slash settings so the target is https:// on the same domain and never points back (behind a proxy, pass X-Forwarded-Proto correctly).`,
    ),
  };
}

export function serverSlowTexts(url: string, detail: ReturnType<typeof L>, timeoutMs: number | null): Texts {
  return {
    title: L(`服务器响应太慢，超过了超时时间`, `The server answers slower than the timeout`),
    explanation: joinL([
      L(
        `TCP 和 TLS 握手都很快完成了，但服务器迟迟不返回响应。`,
        `TCP and the TLS handshake complete quickly, but the server takes too long to answer.`,
      ),
      detail,
      timeoutMs !== null &&
        L(
          `小程序请求的超时时间是 ${timeoutMs} ms（默认 60 秒，可以用 timeout 参数或 app.json 的 networkTimeout 修改），超过后报 request:fail timeout。`,
          `The mini-program's timeout is ${timeoutMs} ms (60 s by default; set by the timeout option or networkTimeout in app.json); past it the request fails with “request:fail timeout”.`,
        ),
    ]),
    fix: L(
      `在服务器日志里找出 ${url} 处理慢的原因（慢查询、外部接口、锁等待、进程/连接池耗尽）；把耗时操作改为异步并尽快返回；必要时适当调大小程序端的 timeout。`,
      `Find in the server logs why ${url} is slow (slow queries, external APIs, lock waits, exhausted workers or pools); make long work asynchronous and answer quickly; raise the mini-program's timeout if needed.`,
    ),
  };
}
