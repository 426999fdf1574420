/**
 * Texts that carry no numeric code but still say what happened: WeChat's own errMsg wordings, the
 * devtools console, Java exceptions from Android's pre-cronet stack (uploadFile still uses it),
 * Node/OpenSSL texts from the devtools network layer, POSIX error texts, and WebSocket onError texts.
 *
 * ORDER IS PRECEDENCE: the first rule that matches decides. Specific before generic:
 *   1. WeChat and devtools wordings that name the cause outright (domain list, network change…);
 *   2. certificate texts (they often sit inside a generic SSLHandshakeException);
 *   3. TLS version / cipher texts;
 *   4. connection-level texts (refused, unreachable, reset, closed, connect timeout, DNS, offline).
 *      A reset or close during the TLS handshake is classed as the reset / close, as Chromium does
 *      (ERR_CONNECTION_RESET after a ClientHello is exactly the signature the diagnosis looks for);
 *   5. timeouts; 6. generic TLS handshake texts; 7. HTTP status texts from sockets;
 *   8. the app's own state: a local file step, a SocketTask used while not open;
 *   9. generic abort / cancel / interrupted last (their words appear inside more specific texts).
 * Every rule has at least one real example in text-patterns.test.ts.
 * Regexes avoid lookbehind, named groups and the `s`/`u` flags: older iOS WeChat engines lack them.
 */
import type { Kind } from '../taxonomy/codes';

export type TextRule = {
  /** Stable name, used by tests. */
  id: string;
  kind: Kind;
  pattern: RegExp;
  /** The rule does not apply when this also matches (a context that changes what the words mean). */
  unless?: RegExp;
};

/**
 * Java's `SocketException: Socket is closed` is a TCP socket of the pre-cronet upload stack, not a
 * SocketTask. (A `closeSocket:fail` on a socket that is not open is left out in classify.ts, which
 * reads the API name even when it carries a typo.)
 */
export const TCP_SOCKET_EXCEPTION = /SocketException/i;

const r = (id: string, kind: Kind, pattern: RegExp, unless?: RegExp): TextRule =>
  unless ? { id, kind, pattern, unless } : { id, kind, pattern };

export const TEXT_RULES: readonly TextRule[] = [
  // 1. WeChat / devtools wordings that name the cause.
  r('wechat-not-in-domain-list', 'not-in-domain-list', /not in domain list/i),
  r('devtools-not-in-legal-domain-list', 'not-in-domain-list', /不在以下.{0,40}合法域名列表/),
  r('devtools-url-domain-illegal', 'not-in-domain-list', /URL\s*域名不合法/i),
  r('wechat-domain-not-in-safe-list', 'not-in-domain-list', /域名不在.{0,4}(?:安全|合法)域名列表/),
  r('devtools-tls-version-below-1-2', 'ssl-version-or-cipher', /TLS\s*版本必须大于等于\s*1\.2/i),
  // `cancel all task` is WeChat's own half of that wording; the generic cancel rule must not take it.
  r(
    'wechat-network-change',
    'network-changed',
    /network\s*change|cancel all tasks?|网络(?:已)?切换|网络发生变化/i,
  ),
  r('wechat-protocol-must-be-http', 'invalid-request', /protocol must be https?\b|协议必须是\s*https?/i),
  r('wechat-parameter-error', 'invalid-request', /parameter error|network argv error|参数错误/i),
  r('wechat-invalid-request-data', 'invalid-request', /invalid request data|data\s*序列化失败/i),
  r('wechat-native-buffer-limit', 'invalid-request', /native buffer exceed/i),
  r('wechat-invalid-url', 'invalid-url', /invalid\s*url|url\s*is\s*invalid|URL\s*格式不合法|非法的?\s*URL/i),
  // The 6020xx/6021xx wordings do not all say httpdns ("time-out when request servicer", "service
  // expired", "not valid service id", "request server http error").
  r(
    'wechat-httpdns',
    'httpdns-failure',
    /httpdns|servicer|service expired|not valid service id|request server http error/i,
  ),
  r(
    'wechat-response-convert-utf8',
    'response-decode',
    /convert to utf-?8 fail|response data convert|转换格式失败/i,
  ),
  r('wechat-max-task-count', 'too-many-requests', /max task count|超过最大请求数/i),
  // `uploadFile:fail createUploadTask:fail exceed max upload connection count 10`: the same
  // concurrency limit (10 per API, 5 sockets) as 600007, worded per API.
  r(
    'wechat-max-connection-count',
    'too-many-requests',
    /exceed(?:ed)?\s*(?:the\s*)?max(?:imum)?\s*(?:[a-z]{1,12}\s*)?connection\s*count|超过最大(?:连接|并发)数/i,
  ),
  r(
    'wechat-max-redirect-count',
    'too-many-redirects',
    /max redirect count|too many (?:http )?redirects|too many follow-up requests|超过最大重定向次数|重定向次数过多/i,
  ),

  // 2. Certificates (Java/Android, Node/OpenSSL, Chinese wordings).
  r(
    'cert-expired-or-not-yet-valid',
    'cert-date-invalid',
    /certificate (?:has )?expired|CERT_HAS_EXPIRED|CertificateExpiredException|(?:cert|certificate) (?:is )?not yet valid|CERT_NOT_YET_VALID|CertificateNotYetValidException|could not validate certificate: current time|证书(?:已)?过期|证书尚未生效|憑證已過期|憑證尚未生效/i,
  ),
  r(
    'cert-hostname-mismatch',
    'cert-name-invalid',
    /hostname\b.{0,200}\bnot verified|does not match certificate'?s altnames|CERT_ALTNAME_INVALID|host ?name mismatch|证书(?:的)?域名不匹配|域名与证书不匹配/i,
  ),
  r(
    'cert-untrusted-issuer',
    'cert-authority-invalid',
    /trust anchor for certification path not found|self[- ]?signed cert|SELF_SIGNED_CERT|unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF|unable to get (?:local )?issuer cert|UNABLE_TO_GET_ISSUER_CERT|unknown (?:ca|certificate authority)|no root certificate|certificate (?:is )?not trusted|证书不受信任|证书不被信任|不受信任的证书|憑證不受信任/i,
  ),
  r(
    'cert-generic',
    'cert-invalid',
    /CertPathValidatorException|chain validation failed|certificate verify failed|certificate revoked|CERT_REVOKED|证书无效|证书错误|憑證無效/i,
  ),

  // 3. TLS version / cipher.
  r(
    'tls-version-or-cipher',
    'ssl-version-or-cipher',
    /unsupported[ _]protocol|protocol[ _]version|no[ _](?:shared[ _])?ciphers?\b|no cipher suites in common|NO_CIPHERS_AVAILABLE|no protocols available|NO_PROTOCOLS_AVAILABLE|version too low|VERSION_TOO_LOW/i,
  ),

  // 4. Connection level.
  r('tcp-refused', 'connection-refused', /connection refused|\bECONNREFUSED\b|连接被拒绝?|拒绝连接/i),
  r(
    'tcp-unreachable',
    'address-unreachable',
    /no route to host|network is unreachable|host is unreachable|host is down|\bEHOSTUNREACH\b|\bENETUNREACH\b|\bEHOSTDOWN\b|NoRouteToHostException/i,
  ),
  r(
    'tcp-reset',
    'connection-reset',
    /connection reset|\bECONNRESET\b|连接被(?:对方|对等方)?重置|socket disconnected before secure TLS connection|software caused connection abort|\bECONNABORTED\b|broken pipe|\bEPIPE\b/i,
  ),
  r(
    'tcp-closed',
    'connection-closed',
    /connection closed before receiving a handshake response|connection closed by (?:peer|remote host|server)|socket hang up|unexpected end of stream|stream end encountered|EOFException|empty reply from server/i,
  ),
  r(
    'tcp-connect-timeout',
    'connection-timeout',
    /connect(?:ion)?\s+timed?\s*out|\bETIMEDOUT\b|failed to connect to .{0,300}?after \d+\s*ms|连接超时|連線逾時/i,
  ),
  r(
    'dns-unknown-host',
    'name-not-resolved',
    /unknow(?:n)?\s*host|unable to resolve host|no address associated with hostname|getaddrinfo|\bENOTFOUND\b|EAI_(?:AGAIN|NONAME|NODATA)|name or service not known|nodename nor servname|域名解析失败|DNS\s*解析失败/i,
  ),
  r(
    'client-offline',
    'offline',
    /not connected to (?:the )?internet|no (?:network|internet) connection|network is not available|网络不可用|无网络连接|网络未连接|没有网络连接/i,
  ),
  r(
    'client-proxy',
    'proxy',
    /\bproxy\b.{0,40}\b(?:fail|failed|failure|refused|error|unreachable)|tunnel(?:ing)? (?:through|via) (?:a |the )?proxy|\bSOCKS[45]?\b.{0,20}(?:fail|error)|代理(?:服务器)?(?:连接)?(?:失败|错误|异常)/i,
  ),

  // 5. Timeouts (WebSocket: "Timer Expired", "The total timed out", "TLS handshake timed").
  r(
    'timeout',
    'timeout',
    /time\s*out|timed\s*out|timeout|timer expired|handshake timed|超时|逾时|逾時|SocketTimeoutException|ESOCKETTIMEDOUT/i,
  ),

  // 6. Generic TLS handshake failures.
  r(
    'tls-handshake',
    'ssl-handshake',
    /ssl\s*hand\s*shake|(?:ssl|tls)\s*handshake\s*(?:failed|failure|error|aborted|exception)|handshake failed|SSLHandshakeException|SSLProtocolException|SSLException|wrong[ _]version[ _]number|SSL_ERROR_SYSCALL|alert handshake failure|secure connection failed|SSL\s*(?:error|错误|錯誤)|(?:SSL|TLS)\s*握手失败/i,
  ),

  // 7. HTTP status seen by a WebSocket handshake.
  r(
    'websocket-http-status',
    'http-status',
    /unexpected response code:?\s*\d{3}|invalid\s*http\s*(?:code|status)|bad response code|received bad response code/i,
  ),

  // 8. The app's own state, not the network. The local file step of uploadFile/downloadFile
  // (603300–603303 and the file-system wordings: `uploadFile:fail file not found`, `no such file or
  // directory, open 'wxfile://…'`), after the HTTP status rule (`404 File Not Found` is a status).
  // Not `save file fail` alone: the corpus keeps `download fail save file fail` unknown.
  r(
    'wechat-local-file',
    'local-file',
    /file not found|no such file|download save file error|file (?:does ?n[o']?t|not|is not) exists?|permission denied.{0,60}(?:\bopen\b|\bfile|path|wxfile:)|exceed max file size|file data is empty|maximum size of the file storage|invalid file ?path|file ?path (?:is )?(?:invalid|not found|not exists?|does ?n[o']?t exist)|文件不存在|找不到(?:该)?文件|指定存储路径无权限|文件路径(?:无效|不合法)/i,
  ),
  // A SocketTask used while not open (`sendSocketMessage:fail WebSocket is not connected`; the
  // devtools' Chromium says `WebSocket is already in CLOSING or CLOSED state`, `Still in CONNECTING`).
  r(
    'wechat-socket-not-open',
    'socket-not-open',
    /\b(?:web ?socket|socket ?task)\s+(?:is\s+)?(?:not\s+(?:connected|open(?:ed)?|ready)|closed|closing|already closed)\b|readyState is not OPEN|already in CLOSING or CLOSED state|Still in CONNECTING state|(?:web ?socket|socket ?task)\s*(?:未连接|未打开|已关闭|已断开)|^\s*sendSocketMessage:fail\b.{0,60}\bsocket\s+(?:is\s+)?(?:not\s+(?:connected|open(?:ed)?)|closed|closing)\b/i,
    TCP_SOCKET_EXCEPTION,
  ),

  // 9. Generic words, last: the mini-program left the foreground, or the call was aborted.
  r('wechat-interrupted', 'interrupted', /(?:^|[^a-z])interrupted(?:[^a-z]|$)|网络被迫中断/i),
  // `cancel all task` is the network-change wording (even when its first half is misspelt).
  r('wechat-abort', 'aborted', /\babort(?:ed)?\b|\bcancel(?:l?ed)?\b(?! all\b)|已取消|中断下载任务/i),
];

export function matchTextRule(text: string): TextRule | undefined {
  for (const rule of TEXT_RULES)
    if (rule.pattern.test(text) && !(rule.unless && rule.unless.test(text))) return rule;
  return undefined;
}
