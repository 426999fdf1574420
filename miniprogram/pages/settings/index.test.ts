// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../storage/settings';
import { quietWxEachTest } from '../../test/quiet-wx';
import { change, exists, page, render, tap, text, type } from '../../test/simulate';

type SettingsPage = { onShow(): void };

const currentWx = quietWxEachTest();

function open() {
  const settings = render('pages/settings/index');
  page<SettingsPage>(settings).onShow();
  return settings;
}

describe('Settings page', () => {
  it('starts empty with a hint, in Chinese', () => {
    const settings = open();
    expect(text(settings, '.hint')).toContain('留空则只做手机端分析');
    expect(text(settings, '.picker')).toBe('中文');
  });

  it('refuses a server URL that is not https', async () => {
    const settings = open();
    await type(settings, '#baseUrl', 'http://probe.example.com');
    await tap(settings, '#save');
    expect(text(settings, '#baseUrlError')).toBe('服务器地址必须以 https:// 开头');
    expect(loadSettings().baseUrl).toBe('');
  });

  it('saves the server URL without a trailing slash', async () => {
    const settings = open();
    await type(settings, '#baseUrl', ' https://probe.example.com/ ');
    await tap(settings, '#save');
    expect(exists(settings, '#baseUrlError')).toBe(false);
    expect(loadSettings().baseUrl).toBe('https://probe.example.com');
    expect(currentWx().toasts).toEqual(['已保存']);
  });

  it('switches the language, the tab bar with it', async () => {
    const settings = open();
    await change(settings, '#lang', '1');
    expect(loadSettings().lang).toBe('en');
    expect(text(settings, '#save')).toBe('Save');
    expect(text(settings, '.picker')).toBe('English');
    expect([...currentWx().tabTexts.values()]).toEqual(['Diagnose', 'History', 'Settings']);
    expect(currentWx().titles.at(-1)).toBe('Settings');
  });
});
