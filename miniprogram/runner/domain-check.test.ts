import { afterEach, describe, expect, it, vi } from 'vitest';
import { asWxFailure, loadCorpus } from '../test/corpus';
import { createFakeWx, type WxAnswer } from '../test/fake-wx';
import { detectDomainCheck, domainCheckFrom } from './domain-check';
import { DOMAIN_CHECK_URL } from './limits';

afterEach(() => vi.unstubAllGlobals());

describe('domainCheckFrom decides from WeChat’s raw words', () => {
  const corpus = loadCorpus();

  it.each(corpus.filter((l) => l.kind === 'not-in-domain-list'))('on: $raw', (line) => {
    expect(domainCheckFrom({ ok: false, ...asWxFailure(line) })).toBe('on');
  });

  it.each(corpus.filter((l) => l.kind === 'name-not-resolved'))('off: $raw', (line) => {
    expect(domainCheckFrom({ ok: false, ...asWxFailure(line) })).toBe('off');
  });

  it('errno 600002 alone means on', () => {
    expect(domainCheckFrom({ ok: false, errMsg: 'request:fail', errno: 600002 })).toBe('on');
  });

  it('devtools without the check resolves through Node: getaddrinfo ENOTFOUND means off', () => {
    expect(
      domainCheckFrom({
        ok: false,
        errMsg: 'request:fail getaddrinfo ENOTFOUND domain-check.wxprobe.invalid',
      }),
    ).toBe('off');
  });

  it('any answer means the request left the phone: off', () => {
    expect(domainCheckFrom({ ok: true, errMsg: 'request:ok' })).toBe('off');
  });

  it.each(corpus.filter((l) => l.phase !== 'domain-check' && l.kind !== 'name-not-resolved'))(
    'unknown for anything else: $raw',
    (line) => {
      expect(domainCheckFrom({ ok: false, ...asWxFailure(line) })).toBe('unknown');
    },
  );
});

describe('detectDomainCheck', () => {
  function install(answer: WxAnswer) {
    const fake = createFakeWx(() => answer);
    vi.stubGlobal('wx', fake.wx);
    return fake;
  }

  it('asks WeChat for a URL nobody lists and keeps its raw answer as evidence', async () => {
    const fake = install({ fail: { errMsg: 'request:fail url not in domain list', errno: 600002 } });
    expect(await detectDomainCheck()).toEqual({
      domainCheck: 'on',
      domainCheckEvidence: 'request:fail url not in domain list',
      domainCheckErrno: 600002,
    });
    expect(fake.calls.map((c) => c.url)).toEqual([DOMAIN_CHECK_URL]);
    expect(DOMAIN_CHECK_URL).toMatch(/^https:\/\/[^/]+\.invalid\//);
  });

  it('a DNS failure means the list was not enforced', async () => {
    install({ fail: { errMsg: 'request:fail -105:net::ERR_NAME_NOT_RESOLVED' } });
    expect(await detectDomainCheck()).toMatchObject({ domainCheck: 'off' });
  });

  it('anything else stays unknown, with the evidence kept', async () => {
    install({ fail: { errMsg: 'request:fail timeout', errno: 5 } });
    expect(await detectDomainCheck()).toEqual({
      domainCheck: 'unknown',
      domainCheckEvidence: 'request:fail timeout',
      domainCheckErrno: 5,
    });
  });
});
