import { describe, expect, it } from 'vitest';
import { langCookie, savedLang } from './lang-cookie';
import { negotiateLang, prefersEnglish } from './negotiate-lang';

describe('negotiateLang', () => {
  it('defaults to Chinese without any hint', () => {
    expect(negotiateLang(undefined, undefined)).toBe('zh');
    expect(negotiateLang(undefined, 'fr-FR,de;q=0.8')).toBe('zh');
    expect(negotiateLang(undefined, '*')).toBe('zh');
  });
  it('lets ?lang= override the saved choice and Accept-Language', () => {
    expect(negotiateLang('en', 'zh-CN', 'zh')).toBe('en');
    expect(negotiateLang('zh', 'en-US', 'en')).toBe('zh');
  });
  it('lets a saved choice override Accept-Language', () => {
    expect(negotiateLang(undefined, 'zh-CN', 'en')).toBe('en');
    expect(negotiateLang(undefined, 'en-US', 'zh')).toBe('zh');
  });
  it('ignores an unknown ?lang= or saved value', () => {
    expect(negotiateLang('fr', 'en-US')).toBe('en');
    expect(negotiateLang(undefined, 'en-US', 'fr')).toBe('en');
  });
});

describe('prefersEnglish (Accept-Language)', () => {
  it('is true only for an English q strictly above every Chinese q', () => {
    expect(prefersEnglish('en-US,en;q=0.9,zh-CN;q=0.8')).toBe(true);
    expect(prefersEnglish('zh-CN,zh;q=0.9,en;q=0.8')).toBe(false);
    expect(prefersEnglish('fr;q=1,en;q=0.5,zh;q=0.7')).toBe(false);
    expect(prefersEnglish('de,en;q=0.7,zh-TW;q=0.6')).toBe(true);
  });
  it('leaves Chinese on a tie, whatever the order', () => {
    expect(prefersEnglish('en,zh')).toBe(false);
    expect(prefersEnglish('en-GB;q=0.8,zh-Hans;q=0.8')).toBe(false);
  });
  it('counts English without any Chinese as preferring English; q=0 is not listed', () => {
    expect(prefersEnglish('en-GB')).toBe(true);
    expect(prefersEnglish('fr,en;q=0.1')).toBe(true);
    expect(prefersEnglish('en,zh;q=0')).toBe(true);
    expect(prefersEnglish('en;q=0, zh;q=0')).toBe(false);
    expect(prefersEnglish('en;q=0')).toBe(false);
  });
  it('skips malformed entries', () => {
    expect(prefersEnglish('en;q=abc')).toBe(false);
    expect(prefersEnglish('en;q=2, zh;q=0.1')).toBe(false);
    expect(prefersEnglish('')).toBe(false);
  });
});

describe('the saved choice (cookie)', () => {
  it('reads wxprobe_lang among other cookies and refuses other values', () => {
    expect(savedLang('a=1; wxprobe_lang=en; b=2')).toBe('en');
    expect(savedLang('wxprobe_lang=fr')).toBeUndefined();
    expect(savedLang('xwxprobe_lang=en')).toBeUndefined();
    expect(savedLang(undefined)).toBeUndefined();
  });
  it('is a first-party, script-proof, year-long cookie', () => {
    expect(langCookie('en', false)).toBe('wxprobe_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    expect(langCookie('zh', true)).toMatch(/; Secure$/);
  });
});
