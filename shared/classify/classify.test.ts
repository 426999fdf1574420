import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASE_KINDS, PHASES } from '../taxonomy/codes';
import { classifyClientError, type ClientErrorClass } from './classify';

const classify = (raw: unknown, extra: Record<string, unknown> = {}): ClientErrorClass =>
  classifyClientError({ raw, ...extra });
const pair = (c: ClientErrorClass) => `${c.phase}/${c.kind}`;

function isValidClass(c: ClientErrorClass): boolean {
  return (
    PHASES.includes(c.phase) &&
    (PHASE_KINDS[c.phase] as readonly string[]).includes(c.kind) &&
    typeof c.platform === 'string' &&
    (c.code === undefined || Number.isSafeInteger(c.code)) &&
    (c.codeName === undefined || typeof c.codeName === 'string') &&
    (c.api === undefined || typeof c.api === 'string')
  );
}

describe('taxonomy evidence rows (taxonomy.md §1, "typical raw evidence")', () => {
  // Each row of the taxonomy's table, in the forms WeChat prints it.
  const rows: [raw: string, errno: number | undefined, expected: string][] = [
    ['request:fail url not in domain list', undefined, 'domain-check/not-in-domain-list'],
    ['request:fail ', 600002, 'domain-check/not-in-domain-list'],
    ['request:fail -105:net::ERR_NAME_NOT_RESOLVED', undefined, 'dns/name-not-resolved'],
    ['request:fail NSURLErrorDomain error -1003', undefined, 'dns/name-not-resolved'],
    ['request:fail -102:net::ERR_CONNECTION_REFUSED', undefined, 'tcp/connection-refused'],
    ['request:fail -118:net::ERR_CONNECTION_TIMED_OUT', undefined, 'tcp/connection-timeout'],
    ['request:fail -109:net::ERR_ADDRESS_UNREACHABLE', undefined, 'tcp/address-unreachable'],
    ['request:fail -101:net::ERR_CONNECTION_RESET', undefined, 'tcp/connection-reset'],
    ['request:fail The network connection was lost.', undefined, 'tcp/connection-reset'],
    ['request:fail -100:net::ERR_CONNECTION_CLOSED', undefined, 'tcp/connection-closed'],
    ['request:fail -324:net::ERR_EMPTY_RESPONSE', undefined, 'tcp/connection-closed'],
    ['request:fail ssl hand shake error', undefined, 'tls/ssl-handshake'],
    ['uploadFile:fail NSURLErrorDomain error -1200', undefined, 'tls/ssl-handshake'],
    ['request:fail -107:net::ERR_SSL_PROTOCOL_ERROR', undefined, 'tls/ssl-handshake'],
    ['request:fail -113:net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', undefined, 'tls/ssl-version-or-cipher'],
    ['request:fail -202:net::ERR_CERT_AUTHORITY_INVALID', undefined, 'tls/cert-authority-invalid'],
    ['request:fail NSURLErrorDomain error -1202', undefined, 'tls/cert-authority-invalid'],
    ['request:fail -201:net::ERR_CERT_DATE_INVALID', undefined, 'tls/cert-date-invalid'],
    ['request:fail NSURLErrorDomain error -1201', undefined, 'tls/cert-date-invalid'],
    ['request:fail -200:net::ERR_CERT_COMMON_NAME_INVALID', undefined, 'tls/cert-name-invalid'],
    ['request:fail -207:net::ERR_CERT_INVALID', undefined, 'tls/cert-invalid'],
    ['request:fail timeout', undefined, 'timeout/timeout'],
    ['request:fail -7:net::ERR_TIMED_OUT', undefined, 'timeout/timeout'],
    ['request:fail NSURLErrorDomain error -1001', undefined, 'timeout/timeout'],
    ['request:fail -106:net::ERR_INTERNET_DISCONNECTED', undefined, 'client/offline'],
    ['request:fail 似乎已断开与互联网的连接。', undefined, 'client/offline'],
    ['request:fail -130:net::ERR_PROXY_CONNECTION_FAILED', undefined, 'client/proxy'],
    ['request:fail -111:net::ERR_TUNNEL_CONNECTION_FAILED', undefined, 'client/proxy'],
    ['request:fail abort', undefined, 'client/aborted'],
    ['request:fail NSURLErrorDomain error -999', undefined, 'client/aborted'],
    ['request:fail ', 600007, 'client/too-many-requests'],
    ['request:fail interrupted', undefined, 'client/interrupted'],
    ['request:fail ', 600003, 'client/interrupted'],
    [
      'request:fail errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
      600001,
      'client/network-changed',
    ],
    ['request:fail -21:net::ERR_NETWORK_CHANGED', undefined, 'client/network-changed'],
    ['request:fail ', 600005, 'client/invalid-request'],
    ['request:fail ', 600010, 'client/invalid-request'],
    ['getDNSInfo:fail not buy httpdns service', 602101, 'dns/httpdns-failure'],
    ['request:fail ', 600008, 'http/too-many-redirects'],
    ['request:fail -310:net::ERR_TOO_MANY_REDIRECTS', undefined, 'http/too-many-redirects'],
    ['request:fail response data convert to utf8 fail', 602302, 'http/response-decode'],
    ['request:fail something nobody has ever seen', undefined, 'unknown/unknown'],
  ];
  it.each(rows)('%s (errno %s) → %s', (raw, errno, expected) => {
    expect(pair(classify(raw, { errno }))).toBe(expected);
  });
});

describe('both Android cronet formats', () => {
  it('reads the short and the long format to the same class and code', () => {
    const short = classify('request:fail -101:net::ERR_CONNECTION_RESET');
    const long = classify(
      'request:fail errcode:-101 cronet_error_code:-101 error_msg:net::ERR_CONNECTION_RESET',
    );
    expect(short).toMatchObject({
      phase: 'tcp',
      kind: 'connection-reset',
      code: -101,
      codeName: 'ERR_CONNECTION_RESET',
    });
    expect(long).toMatchObject({
      phase: 'tcp',
      kind: 'connection-reset',
      code: -101,
      codeName: 'ERR_CONNECTION_RESET',
    });
  });

  it('reads a number alone, and a name alone', () => {
    expect(classify('request:fail -118')).toMatchObject({
      kind: 'connection-timeout',
      codeName: 'ERR_CONNECTION_TIMED_OUT',
    });
    expect(classify('request:fail net::ERR_CERT_DATE_INVALID')).toMatchObject({
      kind: 'cert-date-invalid',
      code: -201,
    });
  });

  it('places unknown names and numbers by Chromium family, or leaves them unknown', () => {
    expect(classify('request:fail net::ERR_CERT_SOMETHING_NEW')).toMatchObject({ kind: 'cert-invalid' });
    expect(classify('request:fail net::ERR_SSL_SOMETHING_NEW')).toMatchObject({ kind: 'ssl-handshake' });
    expect(classify('request:fail -299:net::ERR_X')).toMatchObject({ kind: 'cert-invalid', code: -299 });
    expect(classify('request:fail net::ERR_QUIC_SOMETHING_NEW')).toMatchObject({
      phase: 'unknown',
      kind: 'unknown',
    });
  });
});

describe('precedence', () => {
  it('lets a specific net error beat the generic errno 600001', () => {
    const c = classify(
      'request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID',
      {
        errno: 600001,
      },
    );
    expect(c).toMatchObject({
      kind: 'cert-authority-invalid',
      code: -202,
      codeName: 'ERR_CERT_AUTHORITY_INVALID',
    });
  });

  it('uses the errno only when the text decides nothing', () => {
    expect(classify('request:fail ', { errno: 600002 })).toMatchObject({
      kind: 'not-in-domain-list',
      code: 600002,
    });
    expect(classify('', { errno: 5 })).toMatchObject({ kind: 'timeout', code: 5, codeName: '5' });
    expect(classify('request:fail timeout', { errno: 600001 }).kind).toBe('timeout');
  });

  it('keeps a recognised code that means nothing as unknown, with its name', () => {
    expect(classify('-2:net::ERR_FAILED')).toMatchObject({
      phase: 'unknown',
      kind: 'unknown',
      code: -2,
      codeName: 'ERR_FAILED',
    });
  });

  it('still lets a specific errno decide when the code in the text means nothing', () => {
    expect(classify('request:fail -2:net::ERR_FAILED', { errno: 600002 }).kind).toBe('not-in-domain-list');
  });

  it('classes a reset during the TLS handshake as the reset, like Chromium does', () => {
    const c = classify(
      'request:fail javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x7a: I/O error during system call, Connection reset by peer',
    );
    expect(pair(c)).toBe('tcp/connection-reset');
  });

  it('prefers a certificate cause inside a generic handshake exception', () => {
    const c = classify(
      'uploadFile:fail javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.',
    );
    expect(pair(c)).toBe('tls/cert-authority-invalid');
  });
});

describe('iOS localized texts', () => {
  const cases: [lang: string, raw: string, expected: string, code: number][] = [
    ['zh-Hans', 'request:fail 发生了SSL错误，无法建立与该服务器的安全连接。', 'tls/ssl-handshake', -1200],
    [
      'zh-Hans (newer spacing)',
      'request:fail 发生了 SSL 错误，无法建立与该服务器的安全连接。',
      'tls/ssl-handshake',
      -1200,
    ],
    ['zh-Hant', 'request:fail 發生SSL錯誤，無法建立與伺服器的安全連線。', 'tls/ssl-handshake', -1200],
    [
      'en',
      'request:fail An SSL error has occurred and a secure connection to the server cannot be made.',
      'tls/ssl-handshake',
      -1200,
    ],
    ['zh-Hans', 'request:fail 似乎已断开与互联网的连接。', 'client/offline', -1009],
    ['en', 'request:fail The Internet connection appears to be offline.', 'client/offline', -1009],
    ['zh-Hans', 'request:fail 请求超时。', 'timeout/timeout', -1001],
    ['zh-Hant', 'request:fail 要求逾時。', 'timeout/timeout', -1001],
    ['en', 'request:fail The request timed out.', 'timeout/timeout', -1001],
    ['zh-Hans', 'request:fail 未能找到使用指定主机名的服务器。', 'dns/name-not-resolved', -1003],
    [
      'en',
      'request:fail A server with the specified hostname could not be found.',
      'dns/name-not-resolved',
      -1003,
    ],
    ['zh-Hans', 'request:fail 网络连接已中断。', 'tcp/connection-reset', -1005],
    ['zh-Hant', 'request:fail 網路連線已中斷。', 'tcp/connection-reset', -1005],
    ['zh-HK', 'request:fail 網絡連線中斷。', 'tcp/connection-reset', -1005],
    ['en', 'request:fail The network connection was lost.', 'tcp/connection-reset', -1005],
    ['zh-Hans', 'request:fail 未能连接到服务器。', 'tcp/connection-refused', -1004],
    ['zh-Hant', 'request:fail 無法連接伺服器。', 'tcp/connection-refused', -1004],
    ['en', 'request:fail Could not connect to the server.', 'tcp/connection-refused', -1004],
    [
      'zh-Hans',
      'request:fail 此服务器的证书无效。您可能正在连接到一个伪装成“api.example.com”的服务器，这会威胁到您的机密信息的安全。',
      'tls/cert-authority-invalid',
      -1202,
    ],
    ['zh-Hant', 'request:fail 此伺服器的憑證無效。', 'tls/cert-authority-invalid', -1202],
    [
      'en',
      'request:fail The certificate for this server is invalid. You might be connecting to a server…',
      'tls/cert-authority-invalid',
      -1202,
    ],
    ['en', 'request:fail The certificate for this server has expired.', 'tls/cert-date-invalid', -1201],
    ['zh-Hans', 'request:fail 已取消', 'client/aborted', -999],
  ];
  it.each(cases)('%s: %s → %s', (_lang, raw, expected, code) => {
    const c = classify(raw);
    expect(pair(c)).toBe(expected);
    expect(c.code).toBe(code);
    expect(c.platform).toBe('ios');
  });

  it('reads numeric codes in the English, Chinese and NSError description forms', () => {
    expect(classify('The operation couldn’t be completed. (NSURLErrorDomain error -1200.)')).toMatchObject({
      kind: 'ssl-handshake',
      codeName: 'NSURLErrorSecureConnectionFailed',
    });
    expect(classify('uploadFile:fail 未能完成操作。（“NSURLErrorDomain”错误 -1009。）')).toMatchObject({
      kind: 'offline',
    });
    expect(classify('Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."')).toMatchObject({
      code: -1001,
    });
    expect(classify('uploadFile:fail 未能完成操作。（“kCFErrorDomainCFNetwork”错误 310。）')).toMatchObject({
      kind: 'proxy',
      code: 310,
    });
  });
});

describe('API prefix', () => {
  it.each([
    ['request:fail timeout', 'request'],
    ['Request:fail interrupted', 'request'],
    ['uploadFile:fail timeout', 'uploadFile'],
    ['downloadFile:fail createDownloadTask:fail invalid url', 'downloadFile'],
    ['createSocketTask:fail wss url not in domain list', 'createSocketTask'],
    ['CONNECTSOCKET:fail url not in domain list', 'connectSocket'],
    ['{"errno":600002,"errMsg":"request:fail url not in domain list"}', 'request'],
  ])('%s → %s', (raw, api) => {
    expect(classify(raw).api).toBe(api);
  });

  it('uses the given API when the text has no prefix, and the seen one over the given one', () => {
    expect(
      classify('{"errMsg":"exception onOpen fail code:9, msg:Timer Expired"}', { api: 'connectSocket' }).api,
    ).toBe('connectSocket');
    expect(classify('uploadFile:fail timeout', { api: 'request' }).api).toBe('uploadFile');
    expect(classify('timeout', { api: 'not an api!' }).api).toBeUndefined();
  });
});

describe('platform', () => {
  it('normalises a given platform to lower case and keeps it over any inference', () => {
    expect(classify('request:fail timeout', { platform: ' iOS ' }).platform).toBe('ios');
    expect(classify('request:fail -101:net::ERR_CONNECTION_RESET', { platform: 'Windows' }).platform).toBe(
      'windows',
    );
  });

  it.each([
    ['request:fail -101:net::ERR_CONNECTION_RESET', 'android'],
    ['request:fail java.net.UnknownHostException: Unable to resolve host "a.example"', 'android'],
    ['request:fail The request timed out.', 'ios'],
    ['uploadFile:fail 未能完成该操作。协议错误', 'ios'],
    ['https://a.example 不在以下 request 合法域名列表中', 'devtools'],
    [
      "WebSocket connection to 'wss://a.example/' failed: Connection closed before receiving a handshake response",
      'devtools',
    ],
    // iOS also runs cronet: the long format proves nothing about the platform.
    ['request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID', 'unknown'],
    ['request:fail timeout', 'unknown'],
  ])('infers %s → %s', (raw, platform) => {
    expect(classify(raw, { platform: 'unknown' }).platform).toBe(platform);
  });

  it('names no platform when the text shows formats of two', () => {
    expect(classify('request:fail -101:net::ERR_CONNECTION_RESET NSURLErrorDomain').platform).toBe('unknown');
  });
});

describe('raw values that are not a plain errMsg', () => {
  it('reads a JSON string of a fail result, with its errno', () => {
    expect(classify('{"errno": 600002, "errMsg": "request:fail "}')).toMatchObject({
      kind: 'not-in-domain-list',
      code: 600002,
    });
  });

  it('reads a fail result object and an array of them', () => {
    expect(classify({ errMsg: 'request:fail timeout', errno: 5 })).toMatchObject({
      kind: 'timeout',
      code: 5,
    });
    expect(classify([{ errMsg: 'getDNSInfo:fail no enough httpdns quota', errno: 602103 }]).kind).toBe(
      'httpdns-failure',
    );
  });

  it('reads the JS-literal form pasted from a console', () => {
    expect(classify('{errMsg: "request:fail -101:net::ERR_CONNECTION_RESET", errno: 600001}').kind).toBe(
      'connection-reset',
    );
  });

  it('accepts the errno as a numeric string and ignores junk errnos', () => {
    expect(classify('', { errno: '600002' }).kind).toBe('not-in-domain-list');
    expect(classify('', { errno: 'abc' }).kind).toBe('unknown');
    expect(classify('', { errno: 1.5 }).kind).toBe('unknown');
  });

  it('keeps the decisive tail of a very long text', () => {
    const raw = `https://a.example/${'x'.repeat(50_000)} 不在以下 request 合法域名列表中`;
    expect(classify(raw).kind).toBe('not-in-domain-list');
  });
});

describe('totality', () => {
  it('answers unknown/unknown for nothing at all', () => {
    for (const raw of [undefined, null, '', '   ', 0, true, {}, [], () => 1, Symbol('s'), 10n]) {
      expect(classify(raw)).toMatchObject({ phase: 'unknown', kind: 'unknown' });
    }
  });

  it('survives hostile inputs (throwing getters, proxies, non-object input)', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(classifyClientError(hostile as never)).toMatchObject({ phase: 'unknown', kind: 'unknown' });
    expect(classifyClientError({ raw: hostile })).toMatchObject({ phase: 'unknown', kind: 'unknown' });
    expect(classifyClientError(null as never)).toMatchObject({ phase: 'unknown' });
    expect(classifyClientError('request:fail timeout' as never).kind).toBe('timeout');
  });

  it('never throws and always returns a valid phase/kind pair (property)', () => {
    const fragments = fc.constantFrom(
      'request:fail ',
      'net::ERR_',
      '-101:',
      'errcode:',
      'NSURLErrorDomain error ',
      '{"errMsg":"',
      'errMsg: ',
      'errno:',
      '不在以下 request 合法域名列表中',
      '发生了SSL错误',
      'timeout',
      '"}',
      '\u0000',
      '\ud800',
    );
    const texts = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join('')),
      fc
        .tuple(fc.array(fragments, { maxLength: 6 }), fc.integer())
        .map(([parts, n]) => parts.join(String(n))),
    );
    const anyValue = fc.oneof(
      texts,
      fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }),
    );
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (raw, errno, platform, api) => {
        const c = classifyClientError({ raw, errno, platform, api });
        expect(isValidClass(c)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('caps the work on huge inputs', () => {
    const huge = `request:fail ${'a'.repeat(5_000_000)}`;
    expect(isValidClass(classify(huge))).toBe(true);
    expect(isValidClass(classify({ errMsg: huge }))).toBe(true);
  });
});

describe('numbers outside a table', () => {
  it('does not read an NSURL-sized number in a cronet field as a Chromium code', () => {
    expect(classifyClientError({ raw: 'request:fail errcode:-1200 error_msg:x' })).toMatchObject({
      kind: 'ssl-handshake',
      codeName: 'NSURLErrorSecureConnectionFailed',
    });
  });
});

describe('drifted and misspelt texts', () => {
  it.each([
    ['Request:fail interupted', 'client/interrupted'],
    ['request : fail url not in doain list', 'domain-check/not-in-domain-list'],
    ['request：fail －101：net：：ERR_CONNECTION_RESET', 'tcp/connection-reset'],
    ['request:fail net::err_name_not_resolved', 'dns/name-not-resolved'],
    ['request:fail net::ERR_CONECTION_REFUSED', 'tcp/connection-refused'],
    ['request:fail errcode:-202 error_msg:', 'tls/cert-authority-invalid'],
    ['request:fail errcode: cronet_error_code: error_msg:net::ERR_PROXY_CONNECTION_FAILED', 'client/proxy'],
    [
      'uploadFile:fail createUploadTask:fail exceed max upload connection count 10',
      'client/too-many-requests',
    ],
    ['uploadFile:fail file not found', 'client/local-file'],
    ['sendSocketMessage:fail WebSocket is not connected', 'client/socket-not-open'],
  ])('%s → %s', (raw, expected) => {
    expect(pair(classify(raw))).toBe(expected);
  });

  it('never takes one Chromium name for its neighbour', () => {
    expect(pair(classify('request:fail net::ERR_CONNECTION_RESE'))).toBe('tcp/connection-reset');
    expect(pair(classify('request:fail net::ERR_CONNECTION_REFUSE'))).toBe('tcp/connection-refused');
    // Outside the table and near no name: the CERT_ family says only "a certificate error".
    expect(pair(classify('request:fail net::ERR_CERT_SOMETHING_NEW'))).toBe('tls/cert-invalid');
  });

  it('leaves a socket-state text on a close call unknown, even with a typo in the API name', () => {
    for (const raw of [
      'closeSocket:fail WebSocket is not connected',
      'closeScoket:fail WebSocket is not conected',
      'loseSocket:fail WebSocket is not connected',
      'closeSocket:fial WebSocket is not connected',
    ])
      expect(pair(classify(raw)), raw).toBe('unknown/unknown');
    expect(pair(classify('WebSocket is not connected', { api: 'closeSocket' }))).toBe('unknown/unknown');
    expect(classify('closeScoket:fail x').api).toBe('closeSocket');
  });

  it('lets a known errno speak before a typo-tolerant reading of the text', () => {
    // `interupted` alone would be read as interrupted; errno 600007 is the concurrency limit.
    expect(pair(classify('request:fail interupted', { errno: 600007 }))).toBe('client/too-many-requests');
    expect(pair(classify('request:fail interupted', { errno: 600001 }))).toBe('client/interrupted');
  });
});
