/**
 * Apple's URL loading errors (NSURLErrorDomain, the same numbers as kCFURLError…), reported by WeChat on
 * iOS before cronet (request/download before client 8.0.3) and still for uploadFile, either as a
 * number (`NSURLErrorDomain error -1200`, `Code=-1001`) or as the phone's localized description only
 * (`request:fail 请求超时。`). The language follows the phone, so each code lists its known texts in
 * Simplified Chinese, Traditional Chinese (Taiwan and Hong Kong wordings) and English.
 *
 * Texts are matched as fragments of a "squashed" text: lower case, without whitespace and punctuation,
 * so `发生了 SSL 错误，…` (newer iOS) and `发生了SSL错误，…` (older) both match. Keep fragments long
 * enough to be unmistakable. Sources for the texts: ../shared/wechat-network-facts.md §7.2 (production
 * frequency tables, code comments), the corpus, and Apple's own strings where quoted there.
 */
import type { Kind } from '../taxonomy/codes';
import type { CodeReading } from './types';

export type NsurlError = {
  code: number;
  /** Without the `NSURLError` prefix (also the `kCFURLError…` suffix). */
  name: string;
  kind: Kind;
  /** Fragments of the localized description, any language; see squashText. */
  texts?: readonly string[];
};

const e = (code: number, name: string, kind: Kind, texts?: readonly string[]): NsurlError =>
  texts ? { code, name, kind, texts } : { code, name, kind };

export const NSURL_ERRORS: readonly NsurlError[] = [
  e(-995, 'BackgroundSessionRequiresSharedContainer', 'unknown'),
  e(-996, 'BackgroundSessionInUseByAnotherProcess', 'unknown'),
  e(-997, 'BackgroundSessionWasDisconnected', 'unknown'),
  e(-998, 'Unknown', 'unknown'),
  e(-999, 'Cancelled', 'aborted', ['cancelled', '已取消']),
  e(-1000, 'BadURL', 'invalid-url', ['错误的URL', '錯誤的URL']),
  e(-1001, 'TimedOut', 'timeout', [
    'The request timed out',
    '请求超时',
    // zh-TW/zh-HK wording; WeChat users also reported the mixed 请求逾时.
    '要求逾時',
    '要求逾时',
    '請求逾時',
    '请求逾时',
  ]),
  e(-1002, 'UnsupportedURL', 'invalid-url', ['unsupported URL', '不支持的URL', '不受支援的URL']),
  e(-1003, 'CannotFindHost', 'name-not-resolved', [
    'A server with the specified hostname could not be found',
    '未能找到使用指定主机名的服务器',
    '找不到使用指定主机名的服务器',
    '指定主機名稱的伺服器',
  ]),
  // The code does not tell refused from unreachable; refused is what users see behind this text.
  e(-1004, 'CannotConnectToHost', 'connection-refused', [
    'Could not connect to the server',
    '未能连接到服务器',
    '无法连接服务器',
    '无法连接到服务器',
    '無法連接伺服器',
    '無法連接到伺服器',
    '無法連線至伺服器',
  ]),
  e(-1005, 'NetworkConnectionLost', 'connection-reset', [
    'The network connection was lost',
    '网络连接已中断',
    '網路連線已中斷',
    '網路連線中斷',
    '網絡連線已中斷',
    '網絡連線中斷',
  ]),
  e(-1006, 'DNSLookupFailed', 'name-not-resolved'),
  e(-1007, 'HTTPTooManyRedirects', 'too-many-redirects', ['too many HTTP redirects', '太多HTTP重定向']),
  e(-1008, 'ResourceUnavailable', 'unknown'),
  e(-1009, 'NotConnectedToInternet', 'offline', [
    'The Internet connection appears to be offline',
    '似乎已断开与互联网的连接',
    '網際網路連線似乎已中斷',
    '互聯網連線似乎已中斷',
  ]),
  e(-1010, 'RedirectToNonExistentLocation', 'unknown'),
  e(-1011, 'BadServerResponse', 'unknown'),
  e(-1012, 'UserCancelledAuthentication', 'unknown'),
  e(-1013, 'UserAuthenticationRequired', 'unknown'),
  e(-1014, 'ZeroByteResource', 'unknown'),
  e(-1015, 'CannotDecodeRawData', 'response-decode', ['cannot decode raw data']),
  e(-1016, 'CannotDecodeContentData', 'response-decode', ['cannot decode content data']),
  e(-1017, 'CannotParseResponse', 'unknown', ['cannot parse response', '无法解析响应']),
  // Roaming off, a call in progress, data not allowed: the phone has no usable data connection.
  e(-1018, 'InternationalRoamingOff', 'offline', [
    'International roaming is currently off',
    '国际漫游目前已关闭',
  ]),
  e(-1019, 'CallIsActive', 'offline', [
    'A data connection cannot be established since a call is currently active',
    '无法建立数据连接，因为通话仍在进行中',
  ]),
  e(-1020, 'DataNotAllowed', 'offline', ['A data connection is not currently allowed', '目前不允许数据连接']),
  e(-1021, 'RequestBodyStreamExhausted', 'unknown'),
  // ATS refused a cleartext URL: the taxonomy's "non-https scheme refused by the client".
  e(-1022, 'AppTransportSecurityRequiresSecureConnection', 'invalid-url', [
    'App Transport Security policy requires the use of a secure connection',
  ]),
  // -1100…-1102, -1104 and -3000…-3005 are about a local file (an upload source, a download target).
  e(-1100, 'FileDoesNotExist', 'local-file'),
  e(-1101, 'FileIsDirectory', 'local-file'),
  e(-1102, 'NoPermissionsToReadFile', 'local-file'),
  e(-1103, 'DataLengthExceedsMaximum', 'unknown'),
  e(-1104, 'FileOutsideSafeArea', 'local-file'),
  e(-1200, 'SecureConnectionFailed', 'ssl-handshake', [
    'An SSL error has occurred and a secure connection to the server cannot be made',
    '发生了SSL错误',
    '發生SSL錯誤',
  ]),
  e(-1201, 'ServerCertificateHasBadDate', 'cert-date-invalid', [
    'The certificate for this server has expired',
    '此服务器的证书已过期',
    '此伺服器的憑證已過期',
  ]),
  e(-1202, 'ServerCertificateUntrusted', 'cert-authority-invalid', [
    'The certificate for this server is invalid',
    '此服务器的证书无效',
    '此伺服器的憑證無效',
  ]),
  // Apple's -1203 is an unknown root (the taxonomy table lists it under dates; Apple's enum is followed).
  e(-1203, 'ServerCertificateHasUnknownRoot', 'cert-authority-invalid', [
    'The certificate for this server was signed by an unknown certifying authority',
  ]),
  e(-1204, 'ServerCertificateNotYetValid', 'cert-date-invalid', [
    'The certificate for this server is not yet valid',
    '此服务器的证书尚未生效',
    '此伺服器的憑證尚未生效',
  ]),
  e(-1205, 'ClientCertificateRejected', 'ssl-handshake', ['did not accept the certificate']),
  e(-1206, 'ClientCertificateRequired', 'ssl-handshake', ['requires a client certificate']),
  e(-2000, 'CannotLoadFromNetwork', 'unknown'),
  e(-3000, 'CannotCreateFile', 'local-file'),
  e(-3001, 'CannotOpenFile', 'local-file'),
  e(-3002, 'CannotCloseFile', 'local-file'),
  e(-3003, 'CannotWriteToFile', 'local-file'),
  e(-3004, 'CannotRemoveFile', 'local-file'),
  e(-3005, 'CannotMoveFile', 'local-file'),
  e(-3006, 'DownloadDecodingFailedMidStream', 'unknown'),
  e(-3007, 'DownloadDecodingFailedToComplete', 'unknown'),
];

/**
 * CFNetwork's own (positive) codes, seen as `kCFErrorDomainCFNetwork error 310` (negative codes in that
 * domain are the NSURL ones above). From CFNetworkErrors.h.
 */
export const CFNETWORK_ERRORS: readonly NsurlError[] = [
  e(1, 'HostErrorHostNotFound', 'name-not-resolved'),
  e(2, 'HostErrorUnknown', 'name-not-resolved'),
  e(100, 'SOCKSErrorUnknownClientVersion', 'proxy'),
  e(101, 'SOCKSErrorUnsupportedServerVersion', 'proxy'),
  e(110, 'SOCKS4ErrorRequestFailed', 'proxy'),
  e(111, 'SOCKS4ErrorIdentdFailed', 'proxy'),
  e(112, 'SOCKS4ErrorIdConflict', 'proxy'),
  e(113, 'SOCKS4ErrorUnknownStatusCode', 'proxy'),
  e(120, 'SOCKS5ErrorBadState', 'proxy'),
  e(121, 'SOCKS5ErrorBadResponseAddr', 'proxy'),
  e(122, 'SOCKS5ErrorBadCredentials', 'proxy'),
  e(123, 'SOCKS5ErrorUnsupportedNegotiationMethod', 'proxy'),
  e(124, 'SOCKS5ErrorNoAcceptableMethod', 'proxy'),
  e(200, 'FTPErrorUnexpectedStatusCode', 'unknown'),
  e(300, 'ErrorHTTPAuthenticationTypeUnsupported', 'unknown'),
  e(301, 'ErrorHTTPBadCredentials', 'unknown'),
  e(302, 'ErrorHTTPConnectionLost', 'connection-reset'),
  e(303, 'ErrorHTTPParseFailure', 'unknown'),
  e(304, 'ErrorHTTPRedirectionLoopDetected', 'too-many-redirects'),
  e(305, 'ErrorHTTPBadURL', 'invalid-url'),
  e(306, 'ErrorHTTPProxyConnectionFailure', 'proxy'),
  e(307, 'ErrorHTTPBadProxyCredentials', 'proxy'),
  e(308, 'ErrorPACFileError', 'proxy'),
  e(309, 'ErrorPACFileAuth', 'proxy'),
  e(310, 'ErrorHTTPSProxyConnectionFailure', 'proxy'),
  e(311, 'StreamErrorHTTPSProxyFailureUnexpectedResponseToCONNECTMethod', 'proxy'),
];

/**
 * SecureTransport status codes that ride along in iOS errors (`_kCFStreamErrorCodeKey=-9807`,
 * `CFNetwork SSLHandshake failed (-9806)`). Only used when no NSURL code decided.
 */
export const SECURE_TRANSPORT_ERRORS: readonly NsurlError[] = [
  e(-9801, 'errSSLNegotiation', 'ssl-version-or-cipher'),
  e(-9802, 'errSSLFatalAlert', 'ssl-handshake'),
  e(-9806, 'errSSLClosedAbort', 'ssl-handshake'),
  e(-9807, 'errSSLXCertChainInvalid', 'cert-authority-invalid'),
  e(-9808, 'errSSLBadCert', 'cert-invalid'),
  e(-9812, 'errSSLUnknownRootCert', 'cert-authority-invalid'),
  e(-9813, 'errSSLNoRootCert', 'cert-authority-invalid'),
  e(-9814, 'errSSLCertExpired', 'cert-date-invalid'),
  e(-9815, 'errSSLCertNotYetValid', 'cert-date-invalid'),
  e(-9824, 'errSSLPeerHandshakeFail', 'ssl-handshake'),
  e(-9836, 'errSSLPeerProtocolVersion', 'ssl-version-or-cipher'),
  e(-9843, 'errSSLHostNameMismatch', 'cert-name-invalid'),
];

const NSURL_BY_CODE = new Map<number, NsurlError>(NSURL_ERRORS.map((x) => [x.code, x]));
const NSURL_BY_NAME = new Map<string, NsurlError>(NSURL_ERRORS.map((x) => [x.name.toLowerCase(), x]));
const CFNETWORK_BY_CODE = new Map<number, NsurlError>(CFNETWORK_ERRORS.map((x) => [x.code, x]));
const SECURE_TRANSPORT_BY_CODE = new Map<number, NsurlError>(SECURE_TRANSPORT_ERRORS.map((x) => [x.code, x]));

const nsurlReading = (x: NsurlError): CodeReading => ({
  kind: x.kind,
  code: x.code,
  codeName: `NSURLError${x.name}`,
});

export function nsurlErrorByCode(code: number): CodeReading | undefined {
  const x = NSURL_BY_CODE.get(code);
  return x ? nsurlReading(x) : undefined;
}

/** `TimedOut`, `NSURLErrorTimedOut` or `kCFURLErrorTimedOut`, any case. */
export function nsurlErrorByName(name: string): CodeReading | undefined {
  const bare = name.replace(/^(?:NSURLError|kCFURLError)/i, '').toLowerCase();
  const x = NSURL_BY_NAME.get(bare);
  return x ? nsurlReading(x) : undefined;
}

/** A code in kCFErrorDomainCFNetwork: negative ones are NSURL codes, positive ones CFNetwork's own. */
export function cfNetworkErrorByCode(code: number): CodeReading | undefined {
  if (code < 0) return nsurlErrorByCode(code);
  const x = CFNETWORK_BY_CODE.get(code);
  return x ? { kind: x.kind, code: x.code, codeName: `kCF${x.name}` } : undefined;
}

export function secureTransportErrorByCode(code: number): CodeReading | undefined {
  const x = SECURE_TRANSPORT_BY_CODE.get(code);
  return x ? { kind: x.kind, code: x.code, codeName: x.name } : undefined;
}

/** Lower case, no whitespace, no punctuation (ASCII and CJK): the form localized texts are compared in. */
export function squashText(text: string): string {
  return text.toLowerCase().replace(/[\s.,;:!?'"`“”‘’。，、；：！？（）()[\]{}「」『』《》<>\-_/\\…·]+/g, '');
}

const TEXT_INDEX: readonly { fragment: string; error: NsurlError }[] = NSURL_ERRORS.flatMap((error) =>
  (error.texts ?? []).map((t) => ({ fragment: squashText(t), error })),
);

/** The NSURL error whose localized description appears in the (squashed) text, first in table order. */
export function nsurlErrorByLocalizedText(squashed: string): CodeReading | undefined {
  for (const entry of TEXT_INDEX) {
    if (entry.fragment.length > 0 && squashed.indexOf(entry.fragment) !== -1)
      return nsurlReading(entry.error);
  }
  return undefined;
}
