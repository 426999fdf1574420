import { describe, expect, it } from 'vitest';
import { isKind } from '../taxonomy/codes';
import { classifyClientError } from './classify';
import { TEXT_RULES, matchTextRule } from './text-patterns';

// Real or documented texts for every rule (sources: the corpus, wechat-network-facts.md, the official
// perf-network doc's WebSocket table, Android/Node/OpenSSL messages as they print).
const EXAMPLES: Record<string, readonly string[]> = {
  'wechat-not-in-domain-list': [
    'request:fail url not in domain list',
    'createSocketTask:fail wss url not in domain list',
  ],
  'devtools-not-in-legal-domain-list': [
    'https://api.github.com 不在以下 request 合法域名列表中',
    'wss://a.example 不在以下 socket 合法域名列表中，请参考文档',
  ],
  'devtools-url-domain-illegal': ['URL 域名不合法，请在 mp 后台配置后重试'],
  'wechat-domain-not-in-safe-list': ['url域名不在安全域名列表中'],
  'devtools-tls-version-below-1-2': ['request:fail 小程序要求的 TLS 版本必须大于等于 1.2'],
  'wechat-network-change': [
    'request:fail errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
  ],
  'wechat-protocol-must-be-http': ['downloadFile:fail downloadFile PRotocol must be http or https'],
  'wechat-parameter-error': [
    'request:fail parameter error: parameter.url should be String instead of Undefined;',
  ],
  'wechat-invalid-request-data': ['request:fail invalid request data'],
  'wechat-native-buffer-limit': [
    'request:fail convert native buffer parameter fail. native buffer exceed size limit',
  ],
  'wechat-invalid-url': [
    'downloadFile:fail createDownloadTask:fail invalid url',
    'request:fail URL 格式不合法',
  ],
  'wechat-httpdns': [
    'getDNSInfo:fail no enough httpdns quota',
    'request:fail time-out when request servicer',
  ],
  'wechat-response-convert-utf8': ['request:fail response data convert to utf8 fail'],
  'wechat-max-task-count': ['request:fail network exceed max task count'],
  'wechat-max-connection-count': [
    'uploadFile:fail createUploadTask:fail exceed max upload connection count 10',
    'downloadFile:fail createDownloadTask:fail exceed max download connection count 10',
  ],
  'wechat-max-redirect-count': [
    'request:fail network reach the max redirect count',
    'Too many follow-up requests: 21',
  ],
  'cert-expired-or-not-yet-valid': [
    'request:fail certificate has expired',
    'java.security.cert.CertificateExpiredException: Certificate expired at Mon Jan 01 00:00:00 GMT+08:00 2024',
  ],
  'cert-hostname-mismatch': [
    'uploadFile:fail Hostname api.example.com not verified',
    "request:fail Hostname/IP does not match certificate's altnames: Host: a. is not in the cert's altnames",
  ],
  'cert-untrusted-issuer': [
    'UNABLE_TO_VERIFY_LEAF_SINGATURE',
    'javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.',
    'request:fail self signed certificate in certificate chain',
    'request:fail unable to verify the first certificate',
  ],
  'cert-generic': ['java.security.cert.CertPathValidatorException: Chain validation failed'],
  'tls-version-or-cipher': [
    'write EPROTO error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol',
    'SSL routines:ssl3_read_bytes:tlsv1 alert protocol version',
  ],
  'tcp-refused': [
    'failed to connect to /1.2.3.4 (port 443) after 10000ms: isConnected failed: ECONNREFUSED (Connection refused)',
    'request:fail connect ECONNREFUSED 127.0.0.1:443',
  ],
  'tcp-unreachable': ['isConnected failed: EHOSTUNREACH (No route to host)', 'connect ENETUNREACH'],
  'tcp-reset': [
    'uploadFile:fail 未能完成该操作。连接被对方重置',
    'uploadFile:fail 未能完成该操作。Connection reset by peer',
    'request:fail read ECONNRESET',
    'Client network socket disconnected before secure TLS connection was established',
    'request:fail Software caused connection abort',
  ],
  'tcp-closed': [
    'request:fail Connection closed by peer',
    "WebSocket connection to 'ws://192.168.5.105:7002/' failed: Connection closed before receiving a handshake response",
    'request:fail socket hang up',
    'unexpected end of stream on Connection{a.example:443}',
  ],
  'tcp-connect-timeout': [
    'java.net.SocketTimeoutException: failed to connect to a.example/1.2.3.4 (port 443) after 10000ms',
    'java.net.SocketTimeoutException: connect timed out',
    'request:fail connect ETIMEDOUT 1.2.3.4:443',
  ],
  'dns-unknown-host': [
    'request:fail request unknow host error',
    'java.net.UnknownHostException: Unable to resolve host "a.example": No address associated with hostname',
    'request:fail getaddrinfo ENOTFOUND a.example',
  ],
  'client-offline': ['request:fail network is not available'],
  'client-proxy': ['java.io.IOException: Unable to tunnel through proxy. Proxy returns "HTTP/1.1 407"'],
  timeout: [
    'request:fail timeout',
    'errMsg：request:fail timeout',
    '{"errMsg":"exception onOpen fail code:9, msg:Timer Expired"}',
    'The total timed out',
    'TLS handshake timed',
    'java.net.SocketTimeoutException: SSL handshake timed out',
  ],
  'tls-handshake': [
    'request:fail ssl hand shake error',
    'TLS handshake failed',
    'javax.net.ssl.SSLHandshakeException: Handshake failed',
    'SSL routines:ssl3_get_record:wrong version number',
  ],
  'websocket-http-status': [
    "WebSocket connection to 'ws://4things.cn:8083/mqtt' failed: Error during WebSocket handshake: Unexpected response code: 400",
    'exception onOpen fail code:20, msg:Invalid HTTP status.',
    'Invalid HttpCode',
    // The status text says "file not found": a status, not a local file.
    'Error during WebSocket handshake: Unexpected response code: 404 File Not Found',
  ],
  'wechat-local-file': [
    'uploadFile:fail file not found',
    "compressImage:fail file doesn't exist",
    "unlink:fail no such file or directory, unlink 'wxfile://usr/temp_1744341672340.png'",
    'downloadFile:fail permission denied can not open file filepath',
    'request:fail download save file error',
  ],
  'wechat-socket-not-open': [
    'sendSocketMessage:fail WebSocket is not connected',
    'sendSocketMessage:fail socket is closed',
    'WebSocket is already in CLOSING or CLOSED state.',
    "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
  ],
  'wechat-interrupted': ['Request:fail interrupted', 'uploadFile:fail network interrupted error'],
  'wechat-abort': ['downloadFile:fail abort', 'request:fail abort', 'downloadFile:fail abort download task'],
};

describe('the text rules', () => {
  it('have unique ids and valid kinds', () => {
    expect(new Set(TEXT_RULES.map((r) => r.id)).size).toBe(TEXT_RULES.length);
    for (const rule of TEXT_RULES) expect(isKind(rule.kind), rule.id).toBe(true);
  });

  it('each have at least one example, and every example names a rule that exists', () => {
    const ids = TEXT_RULES.map((r) => r.id);
    for (const id of ids) expect(EXAMPLES[id]?.length ?? 0, id).toBeGreaterThan(0);
    for (const id of Object.keys(EXAMPLES)) expect(ids, id).toContain(id);
  });

  describe.each(TEXT_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    it.each((EXAMPLES[id] ?? []).map((text) => [text] as const))('decides %s', (text) => {
      expect(matchTextRule(text)?.id).toBe(id);
      // Nothing earlier in the chain (codes, iOS texts) takes the example somewhere else.
      expect(classifyClientError({ raw: text }).kind).toBe(rule.kind);
    });
  });

  it('do not fire on texts that decide nothing', () => {
    // (`closeSocket:fail WebSocket is not connected` is matched here and left unknown by
    // classify.ts, which reads the API name: classify.test.ts.)
    for (const text of [
      'downloadFile:fail download fail save file fail',
      'Error: Request has been terminated',
      '{errMsg: connectSocket:fail check url failed}',
      'request:fail 未能完成该操作。协议错误',
      'java.io.InterruptedIOException',
      'uploadFile:fail java.net.SocketException: Socket is closed',
      'request:fail ',
    ]) {
      expect(matchTextRule(text)?.id, text).toBeUndefined();
    }
  });
});
