import { describe, expect, it } from 'vitest';
import { URL_PROBLEMS } from '../url/wechat-url-rules';
import { asLang, fill, say, stringsFor } from './i18n';
import { STRINGS } from './strings';

describe('i18n', () => {
  it('Chinese and English have the same keys, none empty', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.zh).sort());
    for (const table of [STRINGS.zh, STRINGS.en]) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('placeholders are the same in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(STRINGS.zh) as (keyof typeof STRINGS.zh)[]) {
      expect(names(STRINGS.en[key]), key).toEqual(names(STRINGS.zh[key]));
    }
  });

  it('every URL problem has a text', () => {
    for (const code of URL_PROBLEMS) expect(say('en', `url.${code}`)).not.toBe(`url.${code}`);
  });

  it('Chinese is the default, and fills placeholders', () => {
    expect(asLang(undefined)).toBe('zh');
    expect(asLang('fr')).toBe('zh');
    expect(stringsFor(asLang('en')).save).toBe('Save');
    expect(say('zh', 'okCount', { ok: 3, total: 10 })).toBe('成功 3 / 10');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
