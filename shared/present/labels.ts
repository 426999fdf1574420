/**
 * Presentation of the probe's raw facts in the reader's language. Observations stay raw (Node /
 * undici / OpenSSL codes and messages, as reported); the CLI and the web page say them with these,
 * by stable code, so the Chinese output is Chinese and a code repeated in its message is shown once:
 *   {code: 'ECONNRESET', message: 'read ECONNRESET'} → zh 连接被重置（ECONNRESET） / en read ECONNRESET
 */
import type { ProbeError } from '../observations/probe';
import type { ProbeErrorCode } from '../observations/vocabulary';
import type { Lang, Localized } from '../taxonomy/codes';
import type { AddressCategory } from '../url/address-ranges';

/** The probe's own codes (raw-error.ts) and the common Node / undici / OpenSSL ones. */
const ERROR_LABELS: Record<ProbeErrorCode, Localized> & Record<string, Localized> = {
  WXPROBE_TIMEOUT: { zh: '超时，没有回应', en: 'timed out, no answer' },
  WXPROBE_ADDRESS_REFUSED: { zh: '被地址策略拒绝', en: 'refused by the address policy' },
  WXPROBE_BAD_REDIRECT: { zh: '重定向地址不可用', en: 'unusable redirect Location' },
  WXPROBE_AIA_UNREADABLE: { zh: 'AIA 下载的不是可读的证书', en: 'AIA gave no readable certificate' },
  WXPROBE_AIA_UNSUPPORTED: {
    zh: '不下载这种 AIA 地址（只用 http:）',
    en: 'AIA over this scheme is not fetched',
  },
  WXPROBE_NO_HANDSHAKE: { zh: '没有完成的握手，拿不到证书', en: 'no completed handshake, no certificate' },
  WXPROBE_CHAIN_UNTRUSTED_ROOT: {
    zh: '证书链终止于不在信任库中的自签名证书',
    en: 'the chain ends at a self-signed certificate outside the trust store',
  },
  WXPROBE_CHAIN_NO_ISSUER: {
    zh: '找不到签发者证书（服务器没发、信任库里没有、AIA 也没下载到）',
    en: 'no issuer found (not sent, not in the trust store, none via AIA)',
  },
  WXPROBE_AIA_LIMIT: { zh: '按 AIA 下载证书达到上限', en: 'AIA fetching reached its limit' },
  ECONNRESET: { zh: '连接被重置', en: 'connection reset' },
  ECONNREFUSED: { zh: '连接被拒绝', en: 'connection refused' },
  ETIMEDOUT: { zh: '连接超时', en: 'connection timed out' },
  EHOSTUNREACH: { zh: '主机不可达', en: 'host unreachable' },
  ENETUNREACH: { zh: '网络不可达', en: 'network unreachable' },
  EADDRNOTAVAIL: { zh: '地址不可用', en: 'address not available' },
  EPIPE: { zh: '连接已断开', en: 'broken pipe' },
  ENOTFOUND: { zh: '域名不存在', en: 'no such name' },
  ENODATA: { zh: '没有这类记录', en: 'no record of this type' },
  ESERVFAIL: { zh: 'DNS 服务器出错', en: 'DNS server failure' },
  EREFUSED: { zh: 'DNS 服务器拒绝回答', en: 'DNS server refused' },
  ETIMEOUT: { zh: 'DNS 查询超时', en: 'DNS query timed out' },
  ECANCELLED: { zh: 'DNS 查询被取消', en: 'DNS query cancelled' },
  UND_ERR_HEADERS_TIMEOUT: { zh: '等待响应头超时', en: 'timed out waiting for the headers' },
  UND_ERR_BODY_TIMEOUT: { zh: '等待响应体超时', en: 'timed out waiting for the body' },
  UND_ERR_CONNECT_TIMEOUT: { zh: '连接超时', en: 'connect timed out' },
  UND_ERR_SOCKET: { zh: '连接被对方关闭', en: 'the other side closed the connection' },
  UND_ERR_ABORTED: { zh: '请求被中止', en: 'request aborted' },
  ERR_SSL_WRONG_VERSION_NUMBER: { zh: '对方回的不是 TLS', en: 'the answer is not TLS' },
  ERR_SSL_PACKET_LENGTH_TOO_LONG: { zh: '对方回的不是 TLS', en: 'the answer is not TLS' },
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: { zh: '没有可用的 TLS 版本', en: 'no TLS version available' },
  ERR_SSL_UNSUPPORTED_PROTOCOL: { zh: '对方的 TLS 版本不被接受', en: 'unsupported TLS version' },
  ERR_TLS_CERT_ALTNAME_INVALID: { zh: '证书不包含这个域名', en: 'the certificate does not cover the host' },
  CERT_HAS_EXPIRED: { zh: '证书已过期', en: 'certificate expired' },
  CERT_NOT_YET_VALID: { zh: '证书尚未生效', en: 'certificate not yet valid' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { zh: '自签名证书', en: 'self-signed certificate' },
  SELF_SIGNED_CERT_IN_CHAIN: { zh: '证书链终止于不受信任的根证书', en: 'untrusted root in the chain' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { zh: '找不到签发者：缺中间证书', en: 'missing issuer (intermediate)' },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { zh: '找不到签发者证书', en: 'issuer certificate not found' },
  UNABLE_TO_GET_ISSUER_CERT: { zh: '找不到签发者证书', en: 'issuer certificate not found' },
  EE_KEY_TOO_SMALL: { zh: '证书密钥太短', en: 'certificate key too small' },
  CA_KEY_TOO_SMALL: { zh: 'CA 证书密钥太短', en: 'CA key too small' },
  CA_MD_TOO_WEAK: { zh: '签名算法太弱', en: 'signature digest too weak' },
};

/** OpenSSL alert names (from ERR_SSL_…_ALERT_<NAME>) as the TLS RFCs write them. */
function alertName(code: string): string | null {
  const m = /^ERR_SSL_[A-Z0-9/]+_ALERT_([A-Z0-9_]+)$/.exec(code);
  return m ? (m[1] ?? '').toLowerCase() : null;
}

/** OpenSSL's "80EC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number" → the reason. */
function shortMessage(message: string): string {
  const openssl = /(?:^|\s)[0-9A-F]+:error:[0-9A-F]+:[^:]+:[^:]*:([^\n]+)/.exec(message);
  return (openssl?.[1] ?? message).replace(/\s+/g, ' ').trim();
}

/** The raw text with the code once: `read ECONNRESET`, `ENOTFOUND queryA ENOTFOUND x` → `queryA ENOTFOUND x`. */
function rawText(error: ProbeError): string {
  const message = shortMessage(error.message);
  const code = error.code ?? '';
  if (code === '' || message.includes(code)) return message || code;
  return message ? `${code} ${message}` : code;
}

/** A probe error for a reader: translated by its code where known, the code itself kept once. */
export function probeErrorText(error: ProbeError | null | undefined, lang: Lang): string {
  if (!error) return '';
  const code = error.code ?? '';
  const label = ERROR_LABELS[code];
  const alert = alertName(code);
  if (lang === 'zh') {
    const within = code === 'WXPROBE_TIMEOUT' ? /within (\d+) ms/.exec(error.message)?.[1] : undefined;
    if (within) return `超时：${within} ms 内没有回应（${code}）`;
    if (label) return `${label.zh}（${code}）`;
    if (alert) return `TLS 告警 ${alert}（${code}）`;
    return rawText(error);
  }
  if (code === 'WXPROBE_TIMEOUT') return shortMessage(error.message) || label?.en || code;
  if (alert) return `alert ${alert} (${code})`;
  return rawText(error);
}

/** A bare code (e.g. a certificate verify code) for a reader. */
export function errorCodeText(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  return probeErrorText({ code, syscall: null, message: code }, lang);
}

/** The address policy's categories (shared/url/address-ranges.ts) as a reader names them. */
export const POLICY_CATEGORY_LABELS = {
  public: { zh: '公网地址', en: 'public address' },
  loopback: { zh: '回环地址', en: 'loopback address' },
  private: { zh: '内网地址', en: 'private address' },
  'link-local': { zh: '链路本地地址', en: 'link-local address' },
  cgnat: { zh: 'CGNAT 地址', en: 'CGNAT address' },
  multicast: { zh: '组播地址', en: 'multicast address' },
  reserved: { zh: '保留地址', en: 'reserved address' },
  documentation: { zh: '文档示例地址', en: 'documentation address' },
  metadata: { zh: '云元数据地址', en: 'cloud metadata address' },
  unspecified: { zh: '未指定地址', en: 'unspecified address' },
  broadcast: { zh: '广播地址', en: 'broadcast address' },
  invalid: { zh: '无效地址', en: 'invalid address' },
} as const satisfies Record<AddressCategory, Localized>;

/** A policy category in `lang`; one this table does not know is shown raw. */
export function policyCategoryText(category: string, lang: Lang): string {
  return Object.prototype.hasOwnProperty.call(POLICY_CATEGORY_LABELS, category)
    ? POLICY_CATEGORY_LABELS[category as AddressCategory][lang]
    : category;
}
