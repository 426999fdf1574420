import { describe, expect, it } from 'vitest';
import { isKind } from '../taxonomy/codes';
import { classifyClientError } from './classify';
import {
  CFNETWORK_ERRORS,
  NSURL_ERRORS,
  SECURE_TRANSPORT_ERRORS,
  nsurlErrorByLocalizedText,
  squashText,
} from './ios-nsurl-errors';

const cjk = /[\u3400-\u9fff]/;

describe('the NSURLError table', () => {
  it('has unique codes and names and valid kinds', () => {
    for (const table of [NSURL_ERRORS, CFNETWORK_ERRORS, SECURE_TRANSPORT_ERRORS]) {
      expect(new Set(table.map((e) => e.code)).size).toBe(table.length);
      expect(new Set(table.map((e) => e.name)).size).toBe(table.length);
      for (const entry of table) expect(isKind(entry.kind), entry.name).toBe(true);
    }
  });

  it('gives the codes users meet a localized text in Chinese and in English', () => {
    for (const code of [-1001, -1003, -1004, -1005, -1009, -1200, -1202]) {
      const texts = NSURL_ERRORS.find((e) => e.code === code)?.texts ?? [];
      expect(
        texts.some((t) => cjk.test(t)),
        `${code} zh`,
      ).toBe(true);
      expect(
        texts.some((t) => /^[\x20-\x7e]+$/.test(t)),
        `${code} en`,
      ).toBe(true);
    }
  });

  it('has fragments that do not collide: each text finds its own code first', () => {
    for (const entry of NSURL_ERRORS) {
      for (const text of entry.texts ?? []) {
        expect(nsurlErrorByLocalizedText(squashText(`request:fail ${text}。`))?.code, text).toBe(entry.code);
      }
    }
  });

  describe.each(NSURL_ERRORS.map((e) => [e.code, e.name, e] as const))(
    '%i NSURLError%s',
    (_code, _name, entry) => {
      const expected = {
        kind: entry.kind,
        code: entry.code,
        codeName: `NSURLError${entry.name}`,
        platform: 'ios',
      };
      it('classifies the English system form', () => {
        const raw = `uploadFile:fail The operation couldn’t be completed. (NSURLErrorDomain error ${entry.code}.)`;
        expect(classifyClientError({ raw })).toMatchObject(expected);
      });
      it('classifies the Chinese system form', () => {
        const raw = `uploadFile:fail 未能完成操作。（“NSURLErrorDomain”错误 ${entry.code}。）`;
        expect(classifyClientError({ raw })).toMatchObject(expected);
      });
      it('classifies the NSError description form and the bare number', () => {
        expect(
          classifyClientError({ raw: `Error Domain=NSURLErrorDomain Code=${entry.code} "x"` }),
        ).toMatchObject(expected);
        expect(classifyClientError({ raw: `request:fail ${entry.code}` })).toMatchObject(expected);
      });
      it('classifies each localized text', () => {
        for (const text of entry.texts ?? []) {
          expect(classifyClientError({ raw: `request:fail ${text}。` }), text).toMatchObject(expected);
        }
      });
    },
  );

  it('reads CFNetwork codes, positive and negative', () => {
    for (const entry of CFNETWORK_ERRORS) {
      const raw = `uploadFile:fail 未能完成操作。（“kCFErrorDomainCFNetwork”错误 ${entry.code}。）`;
      expect(classifyClientError({ raw }), entry.name).toMatchObject({ kind: entry.kind, code: entry.code });
    }
    const negative = classifyClientError({
      raw: 'The operation couldn’t be completed. (kCFErrorDomainCFNetwork error -1005.)',
    });
    expect(negative).toMatchObject({ kind: 'connection-reset', codeName: 'NSURLErrorNetworkConnectionLost' });
  });

  it('reads SecureTransport codes when no NSURL code is present', () => {
    for (const entry of SECURE_TRANSPORT_ERRORS) {
      const raw = `request:fail CFNetwork SSLHandshake failed (${entry.code})`;
      expect(classifyClientError({ raw }), entry.name).toMatchObject({
        kind: entry.kind,
        codeName: entry.name,
      });
    }
    const both = classifyClientError({
      raw: 'Error Domain=NSURLErrorDomain Code=-1202 "x" UserInfo={_kCFStreamErrorCodeKey=-9813}',
    });
    expect(both.code).toBe(-1202);
  });

  it('reads NSURLError names', () => {
    expect(classifyClientError({ raw: 'failed: NSURLErrorTimedOut' }).kind).toBe('timeout');
    expect(classifyClientError({ raw: 'kCFURLErrorCannotFindHost' }).kind).toBe('name-not-resolved');
  });
});
