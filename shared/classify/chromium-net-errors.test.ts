import { describe, expect, it } from 'vitest';
import { isKind } from '../taxonomy/codes';
import { CHROMIUM_NET_ERROR_MEANINGS } from './chromium-net-error-meanings';
import { CHROMIUM_NET_ERRORS, chromiumErrorByCode, chromiumErrorByName } from './chromium-net-errors';
import { classifyClientError } from './classify';

describe('the Chromium net error table', () => {
  it('has unique codes and names, valid kinds and a meaning for each entry', () => {
    const codes = new Set(CHROMIUM_NET_ERRORS.map((e) => e.code));
    const names = new Set(CHROMIUM_NET_ERRORS.map((e) => e.name));
    expect(codes.size).toBe(CHROMIUM_NET_ERRORS.length);
    expect(names.size).toBe(CHROMIUM_NET_ERRORS.length);
    for (const entry of CHROMIUM_NET_ERRORS) {
      expect(isKind(entry.kind), entry.name).toBe(true);
      expect(entry.code).toBeLessThan(0);
      expect(entry.name).toMatch(/^[A-Z0-9_]+$/);
      expect(CHROMIUM_NET_ERROR_MEANINGS[entry.name]?.length, entry.name).toBeGreaterThan(5);
    }
  });

  it('has a meaning for table names only', () => {
    expect(Object.keys(CHROMIUM_NET_ERROR_MEANINGS).sort()).toEqual(
      CHROMIUM_NET_ERRORS.map((e) => e.name).sort(),
    );
  });

  it('covers every range of net_error_list.h, not only the codes users reported', () => {
    for (const code of [-2, -21, -100, -118, -137, -200, -207, -300, -324, -400, -800]) {
      expect(chromiumErrorByCode(code), String(code)).toBeDefined();
    }
    expect(CHROMIUM_NET_ERRORS.length).toBeGreaterThan(200);
  });

  it('finds names with or without the ERR_ prefix, in any case', () => {
    expect(chromiumErrorByName('ERR_CONNECTION_RESET')?.code).toBe(-101);
    expect(chromiumErrorByName('connection_reset')?.code).toBe(-101);
  });

  describe.each(CHROMIUM_NET_ERRORS.map((e) => [e.code, e.name, e] as const))(
    '%i ERR_%s',
    (_code, _name, entry) => {
      const expectedPhaseKind = { kind: entry.kind, code: entry.code, codeName: `ERR_${entry.name}` };
      it('classifies from the short cronet format', () => {
        const c = classifyClientError({ raw: `request:fail ${entry.code}:net::ERR_${entry.name}` });
        expect(c).toMatchObject(expectedPhaseKind);
      });
      it('classifies from the long cronet format with errno 600001', () => {
        const c = classifyClientError({
          raw: `request:fail errcode:${entry.code} cronet_error_code:${entry.code} error_msg:net::ERR_${entry.name}`,
          errno: 600001,
        });
        expect(c).toMatchObject(expectedPhaseKind);
      });
      it('classifies from the number alone', () => {
        expect(classifyClientError({ raw: `request:fail ${entry.code}` })).toMatchObject(expectedPhaseKind);
      });
    },
  );
});
