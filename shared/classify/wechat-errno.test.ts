import { describe, expect, it } from 'vitest';
import { isKind } from '../taxonomy/codes';
import { classifyClientError } from './classify';
import { WECHAT_ERRNOS, readWechatErrno } from './wechat-errno';

describe('the WeChat errno table', () => {
  it('has unique errnos, valid kinds and both wordings', () => {
    expect(new Set(WECHAT_ERRNOS.map((e) => e.errno)).size).toBe(WECHAT_ERRNOS.length);
    for (const entry of WECHAT_ERRNOS) {
      expect(isKind(entry.kind), String(entry.errno)).toBe(true);
      expect(entry.en.trim()).not.toBe('');
      expect(entry.zh.trim()).not.toBe('');
    }
  });

  it.each(WECHAT_ERRNOS.map((e) => [e.errno, e.kind, e] as const))(
    'errno %i alone → %s',
    (_errno, _kind, entry) => {
      const c = classifyClientError({ raw: 'request:fail ', errno: entry.errno });
      expect(c.kind).toBe(entry.kind);
      expect(c.code).toBe(entry.errno);
      expect(c.codeName).toBe(String(entry.errno));
    },
  );

  it.each(WECHAT_ERRNOS.filter((e) => e.kind !== 'unknown').map((e) => [e.errno, e.en, e] as const))(
    'errno %i: its own wording "%s" classifies the same without the errno',
    (_errno, _en, entry) => {
      expect(classifyClientError({ raw: `request:fail ${entry.en}` }).kind).toBe(entry.kind);
    },
  );

  it('places undocumented HttpDNS errnos by family and leaves other unknown errnos unknown', () => {
    expect(readWechatErrno(602150).kind).toBe('httpdns-failure');
    expect(readWechatErrno(609999).kind).toBe('unknown');
  });

  it('never lets the generic 600001 override the cronet text beside it', () => {
    const c = classifyClientError({
      raw: 'request:fail errcode:-105 cronet_error_code:-105 error_msg:net::ERR_NAME_NOT_RESOLVED',
      errno: 600001,
    });
    expect(c).toMatchObject({ kind: 'name-not-resolved', code: -105 });
  });
});
