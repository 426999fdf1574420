import { describe, expect, it } from 'vitest';
// Imported under another name: Prettier reformats templates tagged `html`, these tests need exact strings.
import { html as h, trusted } from './html';

describe('html template', () => {
  it('escapes interpolated text, including quotes in attributes', () => {
    const evil = `"><script>alert('x')</script>`;
    expect(h`<a title="${evil}">${evil}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>',
    );
  });
  it('keeps nested SafeHtml and flattens arrays', () => {
    const items = ['a<b', 'c'].map((x) => h`<li>${x}</li>`);
    expect(h`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(h`${trusted('<svg/>')}`.value).toBe('<svg/>');
  });
  it('drops null, undefined and false but prints 0', () => {
    expect(h`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });
});
