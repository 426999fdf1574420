// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { loadRecentUrls, loadRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { quietWxEachTest } from '../../test/quiet-wx';
import { PROBE_BASE } from '../../test/scenario';
import { change, exists, page, render, settle, tap, text, texts, type } from '../../test/simulate';

type DiagnosePage = { onLoad(): void; onShow(): void };

const currentWx = quietWxEachTest();

function open() {
  const diagnose = render('pages/diagnose/index');
  page<DiagnosePage>(diagnose).onLoad();
  page<DiagnosePage>(diagnose).onShow();
  return diagnose;
}

describe('诊断 page', () => {
  it('checks the URL as it is typed, with WeChat’s rules', async () => {
    const diagnose = open();
    await type(diagnose, '#url', 'http://203.0.113.7/api');
    expect(texts(diagnose, '.problem-error')).toEqual([
      'wx.request / uploadFile / downloadFile 只支持 https://',
      '微信不允许用 IP 地址作服务器域名（局域网 IP 除外）',
    ]);
    await type(diagnose, '#url', 'https://api.example.com:8443/health');
    expect(texts(diagnose, '.problem-error')).toEqual([]);
    expect(texts(diagnose, '.problem-warn')).toEqual(['地址带端口：只有合法域名里配置了同一个端口才能访问']);
  });

  it('warns before running a URL WeChat will refuse, and runs only if the user insists', async () => {
    const diagnose = open();
    await type(diagnose, '#url', 'https://localhost/health');
    currentWx().modalAnswers.push(false);
    await tap(diagnose, '#run');
    expect(currentWx().modals[0]).toMatchObject({ title: '微信会拒绝这个地址', confirmText: '仍然运行' });
    expect(String(currentWx().modals[0]!.content)).toContain('微信不允许 localhost');
    await vi.waitFor(() => expect(currentWx().navigations).toEqual([]));

    currentWx().modalAnswers.push(true);
    await tap(diagnose, '#run');
    await vi.waitFor(() =>
      expect(currentWx().navigations).toEqual([{ kind: 'navigateTo', url: '/pages/run/index' }]),
    );
    expect(loadRunConfig().url).toBe('https://localhost/health');
  });

  it('an empty URL does not run and says why', async () => {
    const diagnose = open();
    await tap(diagnose, '#run');
    expect(texts(diagnose, '.problem-error')).toEqual(['请输入地址']);
    expect(currentWx().navigations).toEqual([]);
    expect(currentWx().modals).toEqual([]);
  });

  it('passes the chosen API, method, counts and network options to the run', async () => {
    const diagnose = open();
    await type(diagnose, '#url', 'https://api.example.com/upload');
    await change(diagnose, '#method', '2');
    await type(diagnose, '#attempts', '20');
    await type(diagnose, '#timeoutMs', '8000');
    await type(diagnose, '#concurrency', '4');
    await change(diagnose, '#enableHttp2', true);
    await change(diagnose, '#enableHttpDNS', true);
    await type(diagnose, '#httpDNSServiceId', 'wxa-dns-1');
    await tap(diagnose, '#run');
    await vi.waitFor(() => expect(currentWx().navigations).toHaveLength(1));
    expect(loadRunConfig()).toMatchObject({
      url: 'https://api.example.com/upload',
      api: 'request',
      method: 'POST',
      attempts: 20,
      timeoutMs: 8000,
      concurrency: 4,
      enableHttp2: true,
      enableHttpDNS: true,
      httpDNSServiceId: 'wxa-dns-1',
      enableQuic: false,
    });
    expect(loadRecentUrls()).toEqual(['https://api.example.com/upload']);
  });

  it('switching to wx.connectSocket asks for wss and allows 5 sockets at most', async () => {
    const diagnose = open();
    await type(diagnose, '#url', 'https://api.example.com/ws');
    await change(diagnose, '#api', '3');
    expect(text(diagnose, '.picker')).toBe('wx.connectSocket');
    expect(texts(diagnose, '.problem-error')).toEqual(['wx.connectSocket 只支持 wss://']);
    expect(texts(diagnose, '.label')).toContain('并发数（最多 5）');
    expect(exists(diagnose, '#enableHttp2')).toBe(false);
    expect(exists(diagnose, '#forceCellularNetwork')).toBe(true);
  });

  it('offers recent URLs one tap away', async () => {
    let diagnose = open();
    await type(diagnose, '#url', 'https://a.example.com/1');
    await tap(diagnose, '#run');
    diagnose = open();
    await type(diagnose, '#url', 'https://b.example.com/2');
    await tap(diagnose, '#run');
    diagnose = open();
    expect(texts(diagnose, '.recent')).toEqual(['https://b.example.com/2', 'https://a.example.com/1']);
    diagnose.querySelectorAll('.recent')[1]!.dispatchEvent('tap');
    await settle();
    expect(texts(diagnose, '.problem-error')).toEqual([]);
    await tap(diagnose, '#run');
    expect(loadRunConfig().url).toBe('https://a.example.com/1');
  });

  it('says when no probe server is set, and speaks English when chosen', async () => {
    let diagnose = open();
    expect(text(diagnose, '.hint')).toContain('还没有设置探测服务器');
    saveSettings({ baseUrl: PROBE_BASE, lang: 'en' });
    diagnose = open();
    expect(exists(diagnose, '.hint')).toBe(false);
    expect(text(diagnose, '#run')).toBe('Run diagnosis');
    expect(currentWx().tabTexts.get(0)).toBe('Diagnose');
  });
});
