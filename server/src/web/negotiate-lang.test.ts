import { describe, expect, it } from 'vitest';
import { negotiateLang } from './negotiate-lang';

describe('negotiateLang', () => {
  it('defaults to Chinese without any hint', () => {
    expect(negotiateLang(undefined, undefined)).toBe('zh');
    expect(negotiateLang(undefined, 'fr-FR,de;q=0.8')).toBe('zh');
  });
  it('lets ?lang= override Accept-Language', () => {
    expect(negotiateLang('en', 'zh-CN')).toBe('en');
    expect(negotiateLang('zh', 'en-US')).toBe('zh');
  });
  it('ignores an unknown ?lang= value', () => {
    expect(negotiateLang('fr', 'en-US')).toBe('en');
  });
  it('picks the preferred of zh and en by q value', () => {
    expect(negotiateLang(undefined, 'en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLang(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiateLang(undefined, 'fr;q=1,en;q=0.5,zh;q=0.7')).toBe('zh');
    expect(negotiateLang(undefined, 'en;q=0, zh;q=0')).toBe('zh');
  });
});
