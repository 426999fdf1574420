import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, extractRaw, toErrno } from './extract';

describe('extractRaw', () => {
  it('returns a plain errMsg as it is', () => {
    expect(extractRaw('request:fail timeout')).toEqual({ text: 'request:fail timeout' });
  });

  it('reads errMsg and errno from a JSON string, an object and an array', () => {
    expect(extractRaw('{"errno":600002,"errMsg":"request:fail url not in domain list"}')).toEqual({
      text: 'request:fail url not in domain list',
      errno: 600002,
    });
    expect(extractRaw({ errMsg: 'request:fail timeout', errno: '5' })).toEqual({
      text: 'request:fail timeout',
      errno: 5,
    });
    expect(extractRaw('[{ "errMsg": "getDNSInfo:fail no enough httpdns quota", "errno": 602103 }]')).toEqual({
      text: 'getDNSInfo:fail no enough httpdns quota',
      errno: 602103,
    });
  });

  it('reads the JS-literal forms users paste from a console', () => {
    expect(extractRaw('{errMsg: "exception onOpen fail code:20, msg:Invalid HTTP status."}').text).toBe(
      'exception onOpen fail code:20, msg:Invalid HTTP status.',
    );
    expect(extractRaw('{errMsg: connectSocket:fail check url failed}').text).toBe(
      'connectSocket:fail check url failed',
    );
  });

  it('folds full-width punctuation and finds a full-width errno field', () => {
    expect(extractRaw('errMsg：request:fail timeout\nerrno：5')).toEqual({
      text: 'request:fail timeout',
      errno: 5,
    });
  });

  it('reads Error-like objects by their message', () => {
    expect(extractRaw(new Error('connect ECONNREFUSED 127.0.0.1:443')).text).toBe(
      'connect ECONNREFUSED 127.0.0.1:443',
    );
  });

  it('bounds long texts, keeping head and tail', () => {
    const text = `HEAD${'x'.repeat(100_000)}TAIL`;
    const out = extractRaw(text).text;
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT_CHARS + 1);
    expect(out.startsWith('HEAD')).toBe(true);
    expect(out.endsWith('TAIL')).toBe(true);
  });

  it('returns empty text for values with nothing readable', () => {
    for (const raw of [undefined, null, {}, [], [1, 2], () => 1, Symbol('x')])
      expect(extractRaw(raw).text).toBe('');
  });
});

describe('toErrno', () => {
  it('accepts integers and numeric strings only', () => {
    expect(toErrno(600002)).toBe(600002);
    expect(toErrno(' -5 ')).toBe(-5);
    for (const junk of [1.5, NaN, Infinity, '6e5', '', 'abc', null, undefined, {}, 10n])
      expect(toErrno(junk)).toBeUndefined();
  });
});
