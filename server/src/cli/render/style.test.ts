import { WriteStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { displayWidth, table } from './columns';
import { makeStyle, wantsColor } from './style';

/** A terminal as Node sees it: its real `hasColors`, which reads TERM & co. from the env it is given. */
const terminal = { isTTY: true, hasColors: (env?: object) => WriteStream.prototype.hasColors(env ?? {}) };
const pipe = { isTTY: false };

describe('wantsColor', () => {
  it('colours a terminal that has colours, never a pipe', () => {
    expect(wantsColor(terminal, { TERM: 'xterm-256color' })).toBe(true);
    expect(wantsColor(terminal, { TERM: 'dumb' })).toBe(false);
    expect(wantsColor(pipe, { TERM: 'xterm-256color' })).toBe(false);
  });

  it('NO_COLOR wins, even over FORCE_COLOR', () => {
    expect(wantsColor(terminal, { TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(terminal, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('FORCE_COLOR colours a pipe, and FORCE_COLOR=0 turns a terminal off', () => {
    for (const value of ['', '1', 'true', '2', '3'])
      expect(wantsColor(pipe, { FORCE_COLOR: value })).toBe(true);
    expect(wantsColor(terminal, { TERM: 'xterm-256color', FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('makeStyle', () => {
  it('colours with ANSI codes when asked, whatever stdout is, and leaves text alone otherwise', () => {
    expect(makeStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(makeStyle(true).bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(makeStyle(false).red('x')).toBe('x');
  });
});

describe('column widths', () => {
  it('counts CJK as two columns and ANSI colours as none', () => {
    expect(displayWidth('证书链')).toBe(6);
    expect(displayWidth(makeStyle(true).green('证书 ok'))).toBe(7);
    expect(
      table(
        [
          ['证书', 'a'],
          ['TLS 版本', 'b'],
        ],
        '',
      ),
    ).toBe('证书      a\nTLS 版本  b');
  });
});
