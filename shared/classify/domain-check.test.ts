import { describe, expect, it } from 'vitest';
import { asWxFailure, loadCorpus } from '../../miniprogram/test/corpus';
import type { ClientEnv } from '../observations/client';
import { decideDomainCheck, domainCheckOf, tlsChecksHidden, withDomainCheckRead } from './domain-check';

const corpus = loadCorpus();
const env = (patch: Record<string, unknown>) =>
  ({ platform: 'android', domainCheck: 'unknown', ...patch }) as unknown as ClientEnv;

describe('decideDomainCheck reads the probe’s raw answer with the classifier’s kinds', () => {
  it.each(corpus.filter((l) => l.kind === 'not-in-domain-list'))('on: $raw', (line) => {
    expect(decideDomainCheck({ ok: false, ...asWxFailure(line) })).toBe('on');
  });

  it.each(corpus.filter((l) => l.kind === 'name-not-resolved'))('off: $raw', (line) => {
    expect(decideDomainCheck({ ok: false, ...asWxFailure(line) })).toBe('off');
  });

  it.each(corpus.filter((l) => l.phase !== 'domain-check' && l.kind !== 'name-not-resolved'))(
    'unknown for anything else: $raw',
    (line) => {
      expect(decideDomainCheck({ ok: false, ...asWxFailure(line) })).toBe('unknown');
    },
  );

  it.each([
    // the wordings the runner's own marker list missed or matched case-sensitively
    ['request:fail URL not in domain list', 'on'],
    ['request:fail Url Not In Domain List', 'on'],
    ['https://domain-check.wxprobe.invalid 不在以下 request 合法域名列表中', 'on'],
    [
      'request:fail java.net.UnknownHostException: Unable to resolve host "domain-check.wxprobe.invalid": No address associated with hostname',
      'off',
    ],
    ['request:fail 找不到具有指定主機名稱的伺服器。', 'off'],
    ['request:fail 未能找到使用指定主机名的服务器。', 'off'],
    ['request:fail A server with the specified hostname could not be found.', 'off'],
    ['request:fail getaddrinfo ENOTFOUND domain-check.wxprobe.invalid', 'off'],
    ['request:fail request unknow host error', 'off'],
  ] as const)('%s → %s', (errMsg, expected) => {
    expect(decideDomainCheck({ ok: false, errMsg })).toBe(expected);
  });

  it('errno 600002 alone means on', () => {
    expect(decideDomainCheck({ ok: false, errMsg: 'request:fail', errno: 600002 })).toBe('on');
  });

  it('any answer means the request left the phone: off', () => {
    expect(decideDomainCheck({ ok: true, errMsg: 'request:ok', statusCode: 200 })).toBe('off');
  });

  it('no callback decides nothing', () => {
    expect(decideDomainCheck({ ok: false, noCallback: true })).toBe('unknown');
  });
});

describe('domainCheckOf: one reading for new and old documents', () => {
  it('prefers the raw answer over the stored value', () => {
    const raw = { ok: false, errMsg: 'request:fail url not in domain list', errno: 600002 };
    expect(domainCheckOf(env({ domainCheck: 'unknown', domainCheckRaw: raw }))).toBe('on');
  });

  it('an old document without the raw answer keeps its stored reading', () => {
    expect(domainCheckOf(env({ domainCheck: 'off' }))).toBe('off');
    expect(domainCheckOf(env({ domainCheck: 'on' }))).toBe('on');
    expect(domainCheckOf(env({ domainCheck: 'bogus' }))).toBe('unknown');
  });

  it('withDomainCheckRead fills env.domainCheck without touching the input', () => {
    const doc = {
      env: env({ domainCheckRaw: { ok: false, errMsg: 'request:fail -105:net::ERR_NAME_NOT_RESOLVED' } }),
    };
    const read = withDomainCheckRead(doc);
    expect(read.env.domainCheck).toBe('off');
    expect(doc.env.domainCheck).toBe('unknown');
  });
});

describe('tlsChecksHidden', () => {
  const dnsFail = { ok: false, errMsg: 'request:fail getaddrinfo ENOTFOUND domain-check.wxprobe.invalid' };
  it('devtools with the check off (「不校验合法域名、web-view、TLS 版本以及 HTTPS 证书」 ticked) hides TLS-version and certificate errors', () => {
    expect(tlsChecksHidden(env({ platform: 'devtools', domainCheckRaw: dnsFail }))).toBe(true);
  });
  it('says nothing for a phone, or with the check on', () => {
    expect(tlsChecksHidden(env({ platform: 'android', domainCheckRaw: dnsFail }))).toBe(false);
    expect(
      tlsChecksHidden(
        env({
          platform: 'devtools',
          domainCheckRaw: { ok: false, errMsg: 'request:fail url not in domain list' },
        }),
      ),
    ).toBe(false);
  });
});
