import { describe, expect, it } from 'vitest';
import { KINDS, phaseOfKind } from '../taxonomy/codes';
import { classifyClientError } from './classify';
import { CODE_MEANINGS } from './chromium-net-error-meanings';
import { KIND_TEXTS, describeClass } from './describe';

const cjk = /[\u3400-\u9fff]/;

describe('describeClass', () => {
  it.each(KINDS.map((k) => [k] as const))('explains %s in Chinese and in English', (kind) => {
    const c = { phase: phaseOfKind(kind), kind, platform: 'unknown' };
    const zh = describeClass(c, 'zh');
    const en = describeClass(c, 'en');
    for (const text of [zh.meaning, zh.hint, en.meaning, en.hint])
      expect(text.trim().length).toBeGreaterThan(8);
    expect(cjk.test(zh.meaning) && cjk.test(zh.hint)).toBe(true);
    expect(cjk.test(en.meaning) || cjk.test(en.hint)).toBe(false);
    // One line each: the CLI prints them on one line.
    for (const text of [zh.meaning, zh.hint, en.meaning, en.hint]) expect(text).not.toMatch(/\n/);
  });

  it('has no text for a kind that is not in the taxonomy', () => {
    expect(Object.keys(KIND_TEXTS).sort()).toEqual([...KINDS].sort());
  });

  it("gives an unknown class the code's own meaning when the code is known", () => {
    const failed = classifyClientError({ raw: 'request:fail -2:net::ERR_FAILED' });
    expect(describeClass(failed, 'en').meaning).toContain('ERR_FAILED');
    expect(describeClass(failed, 'zh').meaning).toContain('ERR_FAILED');
    expect(describeClass(failed, 'en', CODE_MEANINGS).meaning).toBe(
      'Chromium net error ERR_FAILED: A generic failure occurred. (not in any class)',
    );
    expect(describeClass(failed, 'zh', CODE_MEANINGS).meaning).toBe(
      'Chromium 网络错误 ERR_FAILED：A generic failure occurred.（未归入任何类别）',
    );
    const errno = classifyClientError({ raw: 'request:fail ', errno: 600001 });
    expect(describeClass(errno, 'zh').meaning).toContain('cronet');
    expect(describeClass(errno, 'en').meaning).toContain('600001');
  });

  it('names an unknown Chromium code without its wording when the caller ships none (the mini-program)', () => {
    const failed = classifyClientError({ raw: 'request:fail -2:net::ERR_FAILED' });
    expect(describeClass(failed, 'en').meaning).toBe('Chromium net error ERR_FAILED (not in any class)');
    expect(describeClass(failed, 'zh').meaning).toBe('Chromium 网络错误 ERR_FAILED（未归入任何类别）');
  });

  it('points a not-in-domain-list error at the server-domain settings', () => {
    const c = classifyClientError({ raw: 'request:fail url not in domain list' });
    expect(describeClass(c, 'zh').hint).toContain('服务器域名');
    expect(describeClass(c, 'en').hint).toContain('Server domains');
  });
});
