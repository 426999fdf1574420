import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWx } from '../test/fake-wx';
import {
  loadRecentUrls,
  loadRunConfig,
  MAX_RECENT_URLS,
  rememberUrl,
  saveRunConfig,
} from './run-config-store';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from './settings';
import { DEFAULT_RUN_CONFIG } from '../runner/run-config';

beforeEach(() => vi.stubGlobal('wx', createFakeWx(() => ({ hang: true })).wx));
afterEach(() => vi.unstubAllGlobals());

describe('settings', () => {
  it('default to Chinese and no server', () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ baseUrl: '', lang: 'zh' });
  });

  it('keep what was saved and ignore a junk language', () => {
    saveSettings({ baseUrl: 'https://probe.example.com', lang: 'en' });
    expect(loadSettings()).toEqual({ baseUrl: 'https://probe.example.com', lang: 'en' });
    (globalThis as unknown as { wx: WechatMiniprogram.Wx }).wx.setStorageSync('wxprobe.settings', {
      lang: 'fr',
    });
    expect(loadSettings().lang).toBe('zh');
  });
});

describe('run configuration and recent URLs', () => {
  it('round-trips the run configuration', () => {
    expect(loadRunConfig()).toEqual(DEFAULT_RUN_CONFIG);
    const config = {
      ...DEFAULT_RUN_CONFIG,
      url: 'https://a.example.com/x?y=1&z=%20',
      attempts: 20,
      enableQuic: true,
    };
    saveRunConfig(config);
    expect(loadRunConfig()).toEqual(config);
  });

  it('remembers recent URLs, newest first, without duplicates, at most a few', () => {
    for (let i = 0; i < MAX_RECENT_URLS + 3; i++) rememberUrl(`https://h${i}.example.com/`);
    rememberUrl('https://h5.example.com/');
    const recent = loadRecentUrls();
    expect(recent).toHaveLength(MAX_RECENT_URLS);
    expect(recent[0]).toBe('https://h5.example.com/');
    expect(new Set(recent).size).toBe(recent.length);
  });
});
