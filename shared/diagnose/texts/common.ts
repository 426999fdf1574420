/** Sentences several families share: how sure a client-only conclusion can be. */
import { L } from '../rule';

export const CLIENT_ONLY_NOTE = L(
  `这个结论只来自小程序端的报错，没有外部探测结果印证；用 wxprobe probe <url> --client-report <client.json> 把两边放在一起看会更确定。`,
  `This conclusion rests on the mini-program's error alone, with no outside probe to confirm it; run wxprobe probe <url> --client-report <client.json> to compare both views.`,
);

export const PROBE_DISAGREES_NOTE = L(
  `外部探测在这一层没有看到问题，所以它可能只出现在手机所在的网络上，或手机实际连到的是另一台服务器（看 dns-mismatch）。`,
  `The outside probe saw no problem at this layer, so it may occur only on the phone's network, or the phone reached another server (see dns-mismatch).`,
);

export const OUTSIDE_MISSING_NOTE = L(
  `外部探测被地址策略拒绝（目标地址是内网、回环或云元数据等地址），没有外部视角可以对照。`,
  `The outside probe was refused by the address policy (the target is a private, loopback or metadata address), so there is no outside view to compare with.`,
);
