/** Texts for the engine's own verdicts: `ok` and `unknown`. */
import { L, joinL, type Texts } from '../rule';

export function okTexts(views: { client: number | null; probe: boolean }): Texts {
  return {
    title: L(
      `一切正常：外部可以访问，且符合微信的要求`,
      `All good: reachable from outside and within WeChat's rules`,
    ),
    explanation: joinL([
      views.client !== null &&
        L(
          `小程序端 ${views.client} 次请求全部成功，且域名校验是开启的。`,
          `All ${views.client} mini-program requests passed with domain checks on.`,
        ),
      views.probe &&
        L(
          `外部探测的 DNS、TCP、TLS 握手（带目标 SNI）、证书链和 HTTP 响应都正常，没有备案拦截的迹象。`,
          `From outside, DNS, TCP, the TLS handshake with the target SNI, the certificate chain and the HTTP answer are all fine, with no sign of ICP filtering.`,
        ),
      views.probe &&
        views.client === null &&
        L(
          `外部探测看不到小程序的服务器域名列表：如果小程序里仍然失败，请确认域名已登记，并在小程序里运行 wxprobe，用 --client-report 把两边一起诊断。`,
          `The probe cannot see the mini-program's server-domain list: if requests still fail inside WeChat, check the domain is listed, and run wxprobe in the mini-program and diagnose both views with --client-report.`,
        ),
      !views.probe &&
        L(
          `只有小程序端的结果，没有外部探测。`,
          `Only the mini-program's view is available, without an outside probe.`,
        ),
    ]),
    fix: L(`无需修改。`, `Nothing to fix.`),
  };
}

export function interruptedTexts(steps: readonly string[]): Texts {
  return {
    title: L(`探测被中断，测到的部分还不足以下结论`, `The probe was interrupted before it could conclude`),
    explanation: joinL([
      L(
        `探测在完成之前被中断（Ctrl-C）。下面的证据只是中断前测到的部分；没测完的步骤不代表有问题，也不代表没问题。`,
        `The probe was stopped (Ctrl-C) before it finished. The evidence below is only what was measured until then; the steps it did not finish say nothing either way.`,
      ),
      // The steps themselves are named by the evidence (probe-interrupted), in the reader's words.
      steps.length > 0 &&
        L(
          `有 ${steps.length} 个步骤没有测完，见下面的证据。`,
          `${steps.length} step${steps.length === 1 ? '' : 's'} did not finish: see the evidence below.`,
        ),
    ]),
    fix: L(
      `让探测跑完再看结论：重新运行同一条命令；如果它总是卡在同一步，用 --timeout 调短每一步的超时。`,
      `Let the probe finish: run the same command again; if it always hangs at the same step, shorten each step's timeout with --timeout.`,
    ),
  };
}

export function unknownTexts(hasClient: boolean, hasProbe: boolean, outsideRefused: boolean): Texts {
  return {
    title: L(`无法确定原因：证据不符合任何已知规则`, `Cause unknown: the evidence fits no known rule`),
    explanation: joinL([
      L(
        `wxprobe 没有把握给出结论，宁可不猜。下面的证据列出了两边原始的关键观测，供你自己判断。`,
        `wxprobe is not confident enough to name a cause and would rather not guess. The evidence lists the raw key facts of both views for you to judge.`,
      ),
      !hasClient && L(`缺少小程序端的观测。`, `The mini-program's view is missing.`),
      !hasProbe && L(`缺少外部探测的观测。`, `The outside probe's view is missing.`),
      outsideRefused &&
        L(
          `外部探测被地址策略拒绝（目标解析到内网、回环或云元数据等地址），没有从外部看过这个服务器。如果这个域名对外就解析到内网地址，小程序的用户同样访问不到它；要在可信环境里从外部诊断，可以加 --allow-private 或 --allow-cidr 再探测。`,
          `The outside probe was refused by the address policy (the name resolves to a private, loopback or metadata address), so nobody looked at the server from outside. If the name resolves to a private address for everyone, mini-program users cannot reach it either; to probe it anyway in a trusted setting, add --allow-private or --allow-cidr.`,
        ),
    ]),
    fix: L(
      `用 wxprobe probe <url> --client-report <client.json> 同时收集两边的观测再诊断；如果你确信这是应该识别的情况，请附上这份报告提交 issue。`,
      `Collect both views with wxprobe probe <url> --client-report <client.json> and diagnose again; if you believe this case should be recognised, file an issue with this report attached.`,
    ),
  };
}
