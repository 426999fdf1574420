import { afterEach, describe, expect, it, vi } from 'vitest';
import { domainCheckOf } from '../../shared/classify/domain-check';
import { asWxFailure, loadCorpus } from '../test/corpus';
import { createFakeWx, type WxAnswer } from '../test/fake-wx';
import { detectDomainCheck } from './domain-check';
import { DOMAIN_CHECK_URL, LIMITS } from './limits';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function install(answer: WxAnswer) {
  const fake = createFakeWx(() => answer);
  vi.stubGlobal('wx', fake.wx);
  return fake;
}

/** The runner's reading as the analysis reads it (what a stored or uploaded document says). */
async function readThroughRunner(platform = 'android') {
  const reading = await detectDomainCheck();
  return { reading, decided: domainCheckOf({ platform, ...reading }) };
}

describe('detectDomainCheck records the raw answer; shared analysis decides', () => {
  const corpus = loadCorpus();

  it.each(corpus.filter((l) => l.kind === 'not-in-domain-list'))('on: $raw', async (line) => {
    const failure = asWxFailure(line);
    install({ fail: failure });
    const { reading, decided } = await readThroughRunner();
    expect(reading.domainCheckRaw).toEqual({ ok: false, ...failure });
    expect(decided).toBe('on');
  });

  it.each(corpus.filter((l) => l.kind === 'name-not-resolved'))('off: $raw', async (line) => {
    install({ fail: asWxFailure(line) });
    expect((await readThroughRunner()).decided).toBe('off');
  });

  it.each(corpus.filter((l) => l.phase !== 'domain-check' && l.kind !== 'name-not-resolved'))(
    'unknown for anything else: $raw',
    async (line) => {
      install({ fail: asWxFailure(line) });
      expect((await readThroughRunner()).decided).toBe('unknown');
    },
  );

  it.each([
    ['request:fail URL not in domain list', 'on'],
    [
      'request:fail java.net.UnknownHostException: Unable to resolve host "domain-check.wxprobe.invalid"',
      'off',
    ],
    ['request:fail 找不到具有指定主機名稱的伺服器。', 'off'],
  ] as const)('wordings the old marker list missed: %s → %s', async (errMsg, expected) => {
    install({ fail: { errMsg } });
    expect((await readThroughRunner()).decided).toBe(expected);
  });

  it('asks WeChat for a URL nobody lists and keeps its raw answer as evidence', async () => {
    const fake = install({ fail: { errMsg: 'request:fail url not in domain list', errno: 600002 } });
    const { reading, decided } = await readThroughRunner();
    expect(reading).toEqual({
      domainCheck: 'unknown',
      domainCheckRaw: { ok: false, errMsg: 'request:fail url not in domain list', errno: 600002 },
      domainCheckEvidence: 'request:fail url not in domain list',
      domainCheckErrno: 600002,
    });
    expect(decided).toBe('on');
    expect(fake.calls.map((c) => c.url)).toEqual([DOMAIN_CHECK_URL]);
    expect(DOMAIN_CHECK_URL).toMatch(/^https:\/\/[^/]+\.invalid\//);
  });

  it('an answer of any kind is recorded as ok (the request left the phone: off)', async () => {
    install({ success: { statusCode: 200 } });
    const { reading, decided } = await readThroughRunner();
    expect(reading.domainCheckRaw).toEqual({ ok: true, errMsg: 'request:ok', statusCode: 200 });
    expect(decided).toBe('off');
  });

  it('anything else stays unknown, with the evidence kept', async () => {
    install({ fail: { errMsg: 'request:fail timeout', errno: 5 } });
    const { reading, decided } = await readThroughRunner();
    expect(reading).toMatchObject({ domainCheckEvidence: 'request:fail timeout', domainCheckErrno: 5 });
    expect(decided).toBe('unknown');
  });

  it('no callback at all is recorded as such, with no invented errMsg', async () => {
    vi.useFakeTimers();
    install({ hang: true });
    const pending = detectDomainCheck();
    await vi.advanceTimersByTimeAsync(LIMITS.domainCheckTimeoutMs + LIMITS.watchdogGraceMs + 1);
    const reading = await pending;
    expect(reading.domainCheckRaw).toEqual({ ok: false, noCallback: true });
    expect(reading).not.toHaveProperty('domainCheckEvidence');
  });
});
