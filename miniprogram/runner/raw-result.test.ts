import { describe, expect, it } from 'vitest';
import { parseClientObservation } from '../shared/observations/parse-client';
import { realisticProfile } from '../test/fake-wx';
import { clientFixture } from '../test/fixtures';
import { LIMITS } from './limits';
import { bodyBytes, copyRawResult } from './raw-result';

describe('copyRawResult', () => {
  it('copies errMsg, errno and statusCode as they are', () => {
    expect(copyRawResult({ errMsg: 'request:fail timeout', errno: 5, extra: 1 })).toEqual({
      errMsg: 'request:fail timeout',
      errno: 5,
    });
    expect(copyRawResult({ errMsg: 'request:ok', statusCode: 404 })).toEqual({
      errMsg: 'request:ok',
      statusCode: 404,
    });
  });

  it('keeps a null errno (WeChat sends one on some clients)', () => {
    expect(copyRawResult({ errMsg: 'x', errno: null })).toEqual({ errMsg: 'x', errno: null });
  });

  it('cuts an errMsg longer than the schema allows and says so', () => {
    const long = 'request:fail '.padEnd(LIMITS.maxErrMsgLength + 50, 'x');
    const copied = copyRawResult({ errMsg: long });
    expect(copied.errMsg).toBe(long.slice(0, LIMITS.maxErrMsgLength));
    expect(copied.errMsgTruncated).toBe(true);
  });

  it('moves a profile field of an unexpected type aside instead of breaking the document', () => {
    const profile = { ...realisticProfile(), rtt: 'n/a', someNewField: 7 };
    const copied = copyRawResult({ errMsg: 'request:ok', statusCode: 200, profile });
    expect(copied.profile).not.toHaveProperty('rtt');
    expect(copied.profile).toHaveProperty('someNewField', 7);
    expect(copied.profileUnexpected).toEqual({ rtt: 'n/a' });
    const doc = clientFixture([{ ok: true, durationMs: 10, ...copied }]);
    expect(parseClientObservation(doc)).toMatchObject({ ok: true });
  });

  it('ignores a non-object result', () => {
    expect(copyRawResult(undefined)).toEqual({});
    expect(copyRawResult('request:fail')).toEqual({});
  });
});

describe('bodyBytes', () => {
  it('counts UTF-8 bytes of text and the length of an ArrayBuffer', () => {
    expect(bodyBytes('ok')).toBe(2);
    expect(bodyBytes('网关')).toBe(6);
    expect(bodyBytes('😀')).toBe(4);
    expect(bodyBytes(new ArrayBuffer(9))).toBe(9);
    expect(bodyBytes({ a: 1 })).toBeUndefined();
  });
});
