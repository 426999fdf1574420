import { describe, expect, it } from 'vitest';
import { normaliseText, tokensOf } from './normalize';

describe('normaliseText', () => {
  it.each([
    ['request : fail url not in domain list', 'request:fail url not in domain list'],
    ['request:fail  url \t not in domain list', 'request:fail url not in domain list'],
    [
      'request:fail errcode : -101 error_msg : net :: ERR_X',
      'request:fail errcode:-101 error_msg:net::ERR_X',
    ],
    ['request∶fail timeout', 'request:fail timeout'],
    ['request:fail:timeout', 'request:fail timeout'],
    ['request:fail, timeout', 'request:fail timeout'],
    ['request:fail url not in do\u200bmain list', 'request:fail url not in domain list'],
    ['compressImage:fail file doesn\u2019t exist', "compressImage:fail file doesn't exist"],
  ])('%j → %j', (raw, normal) => {
    expect(normaliseText(raw)).toBe(normal);
  });

  it('keeps every word, URLs and line breaks', () => {
    for (const text of [
      'java.net.SocketTimeoutException: failed to connect to a.example/1.2.3.4 (port 443) after 10000ms',
      'http://127.0.0.1:10096 不在以下 request 合法域名列表中\n(env: Windows,mp,1.05.2112141; lib: 2.23.3)',
      "unlink:fail no such file or directory, unlink 'wxfile://usr/temp_1.png'",
    ]) {
      const normal = normaliseText(text);
      expect(tokensOf(normal)).toEqual(tokensOf(text));
      expect(normal.split('\n').length).toBe(text.split('\n').length);
      if (text.indexOf('://') !== -1)
        expect(normal).toContain(text.slice(text.indexOf('://') - 4, text.indexOf('://') + 8));
    }
  });
});

describe('tokensOf', () => {
  it("gives lower-case word tokens, splitting on `_` and keeping `doesn't` whole", () => {
    expect(tokensOf("net::ERR_CONNECTION_RESET file doesn't exist")).toEqual([
      'net',
      'err',
      'connection',
      'reset',
      'file',
      "doesn't",
      'exist',
    ]);
  });

  it('looks at a bounded number of tokens', () => {
    expect(tokensOf('a '.repeat(10_000)).length).toBeLessThanOrEqual(96);
  });
});
