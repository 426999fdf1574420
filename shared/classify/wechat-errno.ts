/**
 * WeChat's errno (base library 2.24.0+, on fail results): 7 digits, 06 = network, then the
 * subcategory (00 general, 02 request, 03 download, 04 upload, 05 socket, 06 mDNS). From the official
 * PublicErrno table (../shared/wechat-network-facts.md §4), wording in English as WeChat prints it in
 * errMsg, and in Chinese as the documentation gives it.
 *
 * The errno is used only when the text does not decide: 600001 ("cronet component error") always comes
 * with the cronet text that says what actually happened, and a Chromium code is more specific than any
 * errno. Codes about local files (603300–603303) are `local-file`: the network was not the problem.
 * Unsupported platforms and system failures say nothing about where the request failed: `unknown`.
 */
import type { Kind, Localized } from '../taxonomy/codes';
import type { CodeReading } from './types';

export type WechatErrno = {
  errno: number;
  kind: Kind;
  en: string;
  zh: string;
};

const e = (errno: number, kind: Kind, en: string, zh: string): WechatErrno => ({ errno, kind, en, zh });

export const WECHAT_ERRNOS: readonly WechatErrno[] = [
  // General codes (0xx) that network APIs return.
  e(5, 'timeout', 'time out', '接口超时'),

  // 6000xx: network, general
  e(600000, 'unknown', 'unknown network error', '未知的网络错误'),
  e(600001, 'unknown', 'cronet component error', 'cronet 组件错误，详细错误见 errMsg'),
  e(600002, 'not-in-domain-list', 'url not in domain list', 'url 域名不在安全域名列表中'),
  e(
    600003,
    'interrupted',
    'network interrupted error',
    '网络被迫中断（发起于后台，或退后台后 5 秒内未结束）',
  ),
  e(600004, 'unknown', 'network logic error', '网络类目逻辑错误'),
  e(600005, 'invalid-request', 'network argv error', '网络类目参数错误'),
  e(600006, 'unknown', 'network system error', '网络类目系统错误'),
  e(600007, 'too-many-requests', 'network exceed max task count', '超过最大请求数量'),
  e(600008, 'too-many-redirects', 'network reach the max redirect count', '超过最大重定向次数'),
  e(600009, 'invalid-url', 'invalid URL', 'URL 格式不合法'),
  e(600010, 'invalid-request', 'invalid request data', '请求的 data 序列化失败'),
  // "URL 验证错误": which check failed is not said (the corpus keeps `check url failed` unknown too).
  e(600011, 'unknown', 'url validate error', 'URL 验证错误'),

  // 602xxx: request
  e(602000, 'unknown', 'unknown network request error', '未知的发起请求错误'),
  e(602001, 'unknown', 'request system error', 'request 系统错误'),
  e(602002, 'httpdns-failure', 'request server http error', 'HttpDNS 服务商请求错误'),
  e(602101, 'httpdns-failure', 'not buy httpdns service', '未购买 HttpDNS 服务'),
  e(602102, 'httpdns-failure', 'service expired', 'HttpDNS 资源包过期'),
  e(602103, 'httpdns-failure', 'no enough httpdns quota', 'HttpDNS 额度不足'),
  e(602104, 'httpdns-failure', 'empty servicer return', 'HttpDNS 服务商返回结果为空'),
  e(602105, 'httpdns-failure', 'time-out when request servicer', '调用 HttpDNS 服务商超时'),
  e(602106, 'httpdns-failure', 'invalid servicer response', 'HttpDNS 服务商返回数据不合法'),
  e(602107, 'httpdns-failure', 'empty domain httpdns result', 'HttpDNS 域名解析结果为空'),
  e(602108, 'httpdns-failure', 'not valid service id', '不支持的 HttpDNS 服务商 id'),
  e(
    602300,
    'invalid-request',
    'convert native buffer parameter fail. native buffer exceed size limit',
    '超出 native buffer 最大限制',
  ),
  e(
    602301,
    'unknown',
    'bind socket dependency is unavailable',
    '申请移动网络请求失败（forceCellularNetwork）',
  ),
  e(602302, 'response-decode', 'response data convert to UTF8 fail', '请求数据转换格式失败'),

  // 603xxx: download (6033xx: the local file step)
  e(603101, 'unknown', 'iOS not supported', 'iOS 不支持'),
  e(603102, 'unknown', 'android not supported', 'Android 不支持'),
  e(603103, 'invalid-request', 'parameter error: require packageName', '参数错误：缺少 packageName'),
  e(603104, 'invalid-request', 'parameter error: require downloadId', '参数错误：缺少 downloadId'),
  e(603105, 'aborted', 'abort download task', '中断下载任务'),
  e(603300, 'local-file', 'download save file error', '保存文件出错'),
  e(603301, 'local-file', 'exceed max file size', '超出文件最大大小限制'),
  e(603302, 'local-file', 'file data is empty', '文件数据为空'),
  e(603303, 'local-file', 'permission denied can not open file filepath', '指定存储路径无权限'),

  // 605xxx: WebSocket; 606xxx: mDNS
  e(605103, 'unknown', 'WebSocket connect is fail', 'WebSocket 连接失败'),
  e(606101, 'unknown', 'mdns resolve system error', 'mDNS 解析失败'),
];

/** Errnos outside the table that still belong to a family whose meaning is certain. */
const ERRNO_RANGES: readonly { from: number; to: number; kind: Kind }[] = [
  // 6021xx: the HttpDNS service family (602101–602108 documented).
  { from: 602100, to: 602199, kind: 'httpdns-failure' },
];

const BY_ERRNO = new Map<number, WechatErrno>(WECHAT_ERRNOS.map((x) => [x.errno, x]));

export function readWechatErrno(errno: number): CodeReading {
  const known = BY_ERRNO.get(errno);
  const range = ERRNO_RANGES.find((r) => errno >= r.from && errno <= r.to);
  const kind: Kind = known ? known.kind : range ? range.kind : 'unknown';
  return { kind, code: errno, codeName: String(errno) };
}

/** The documented wording of an errno, in both languages. */
export function wechatErrnoText(errno: number): Localized | undefined {
  const known = BY_ERRNO.get(errno);
  return known ? { zh: known.zh, en: known.en } : undefined;
}
