/** Texts for `vantage-dependent`: the same URL fails from some vantages and works from others. */
import { VANTAGE_STATE_LABELS, type VantageState } from '../../observations/vantages';
import type { Localized } from '../../taxonomy/codes';
import { L, joinL, type Texts } from '../rule';

export type VantageSplit = {
  /** the failing vantages, each with the main verdict its probe shows */
  failing: ReadonlyArray<{ vantage: string; cause: string; title: Localized }>;
  passing: readonly string[];
  /** asked but without an observation: listed, never counted */
  unanswered: ReadonlyArray<{ vantage: string; state: VantageState }>;
};

const names = (list: readonly string[]) => ({ zh: list.join('、'), en: list.join(', ') });

export function vantageDependentTexts(split: VantageSplit): Texts {
  const failing = names(split.failing.map((f) => f.vantage));
  const passing = names(split.passing);
  return {
    title: L(
      `只在部分探测点失败：从 ${failing.zh} 失败，从 ${passing.zh} 正常`,
      `Fails from some vantages only: from ${failing.en} it fails, from ${passing.en} it works`,
    ),
    explanation: joinL([
      ...split.failing.map((f) =>
        L(
          `从 ${f.vantage} 探测：${f.title.zh}（${f.cause}）。`,
          `Probed from ${f.vantage}: ${f.title.en} (${f.cause}).`,
        ),
      ),
      L(`从 ${passing.zh} 探测：正常。`, `Probed from ${passing.en}: it works.`),
      split.unanswered.length > 0 &&
        joinL(
          split.unanswered.map((u) =>
            L(
              `${u.vantage}：${VANTAGE_STATE_LABELS[u.state].zh}，不计入比较。`,
              `${u.vantage}: ${VANTAGE_STATE_LABELS[u.state].en}, not compared.`,
            ),
          ),
        ),
      L(
        `同一个 URL、同一台服务器，结果却因探测点而不同：原因不在服务器本身，而在失败的探测点所经过的网络路径上——例如所在地区云厂商入口的备案检查或过滤、当地运营商的 DNS、就近的 CDN 节点、跨境线路。与它一起列出的原因就是在失败的探测点上看到的。`,
        `The same URL and server give different results by vantage: the cause is not the server itself but the network path of the failing vantages — a regional cloud edge's ICP filing check or filter, the local carrier's DNS, the nearest CDN node, a cross-border link. The cause listed with it is what the failing vantages saw.`,
      ),
    ]),
    fix: L(
      `按失败探测点所在的地区和网络去查：从那个地区重测，比较各探测点解析到的地址（DNS 结果不同就查当地运营商的解析或 CDN 调度）；是备案拦截就为该地区的接入完成备案或换用已备案的接入点；是 CDN 节点就让 CDN 厂商检查那个节点（证书、回源）；是跨境线路就联系线路或云厂商。服务器本身在正常的探测点上是好的。`,
      `Investigate by the failing vantages' region and network: test again from that region and compare the addresses each vantage resolved (if DNS differs, check the local carrier's resolution or the CDN's steering); for an ICP block, complete the filing for that region's access point or use one already filed; for a CDN node, ask the CDN provider to check that node (certificate, origin); for a cross-border link, contact the provider of that path. The server itself is fine from the passing vantages.`,
    ),
  };
}
