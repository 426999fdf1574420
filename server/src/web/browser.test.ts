/**
 * End to end in a real browser (Debian's headless Chromium driven by playwright-core): submit the
 * home form against a lab endpoint, watch the live progress, land on the report page and read the
 * right verdict there. The server runs as an operator would run it for the lab (lab DNS, lab CA,
 * 127.0.0.0/8 allowed). Screenshots of the pages are written only when WXPROBE_SCREENSHOT_DIR is set.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Report } from '../../../shared/observations/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { startLabApp } from '../testing/lab-app';

/** Screenshots for a person to look at, only when asked: WXPROBE_SCREENSHOT_DIR=/tmp npm test */
const SHOT_DIR = process.env.WXPROBE_SCREENSHOT_DIR;
const shotPath = (name: string) => join(SHOT_DIR ?? '.', name);

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium still looks up Google hosts (updates, accounts) at start; answer every name but
  // loopback with NOTFOUND so nothing leaves this machine, not even a DNS query.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

describe.skipIf(!haveChromium)('web page in headless Chromium', () => {
  let env: Awaited<ReturnType<typeof startLabApp>>;
  let baseUrl: string;
  let profileDir: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    env = await startLabApp({ lab: { cases: ['ok', 'icp-block'], leakProbability: 0.02 } });
    baseUrl = await env.app.listen({ host: '127.0.0.1', port: 0 });
    profileDir = mkdtempSync(join(tmpdir(), 'wxprobe-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function submitForm(
    url: string,
    lang: 'zh' | 'en',
    attempts: number,
    httpPort: number | null = null,
  ) {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${baseUrl}/?lang=${lang}`);
    if (lang === 'zh' && SHOT_DIR) await page.screenshot({ path: shotPath('wxprobe-home.png') });
    await page.fill('#url', url);
    await page.click('details summary');
    await page.fill('#attempts', String(attempts));
    if (httpPort !== null) await page.fill('#httpPort', String(httpPort));
    // Record the live progress lines as the page adds them (the page moves on once the probe ends).
    const progressLines: string[] = [];
    await page.exposeFunction('recordProgress', (line: string) => progressLines.push(line));
    // A string, not a function: this runs in the page, and the server's TS program has no DOM types.
    await page.evaluate(`
      new MutationObserver((changes) => {
        for (const change of changes) change.addedNodes.forEach((n) => window.recordProgress(n.textContent || ''));
      }).observe(document.getElementById('progress-list'), { childList: true });
    `);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 60_000 });
    return { page, problems, progressLines };
  }

  it('submits the form for an unfiled domain and shows the ICP-filing verdict first', async () => {
    const icp = env.lab.byCase('icp-block');
    const { page, problems, progressLines } = await submitForm(icp.url, 'zh', 10, icp.httpPort);
    expect(progressLines.some((l) => l.startsWith('TLS 握手'))).toBe(true);
    const top = page.locator('article.verdict.top');
    await expect.poll(() => top.getAttribute('data-cause')).toBe(icp.expectedCause);
    const id = new URL(page.url()).pathname.split('/')[2]!;
    const report = (await (await fetch(`${baseUrl}/api/v1/reports/${id}`)).json()) as Report;
    expect(await top.locator('h3').innerText()).toContain(report.diagnosis.verdicts[0]!.title.zh);
    expect(await page.locator('#server-view svg.ratio-bars').count()).toBe(1);
    expect(await page.locator('svg.waterfall').count()).toBe(1); // no phone view in a form probe
    expect(problems).toEqual([]); // no CSP violation, no script error
    expect(report.probe?.port80).toMatchObject({ statusCode: 403, server: 'Beaver' }); // the form's HTTP port
    // The share link is relative in the markup; the page shows it whole, from the browser's address.
    const share = page.locator('a.share-link');
    expect(await share.getAttribute('href')).toBe(`/r/${id}`);
    expect(await share.innerText()).toBe(`${baseUrl}/r/${id}`);

    if (SHOT_DIR) await page.screenshot({ path: shotPath('wxprobe-report-desktop.png') });
    if (SHOT_DIR) await page.screenshot({ path: shotPath('wxprobe-report-full.png'), fullPage: true });
    if (SHOT_DIR)
      await page.locator('#server-view').screenshot({ path: shotPath('wxprobe-report-server-view.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    if (SHOT_DIR) await page.screenshot({ path: shotPath('wxprobe-report-phone.png'), fullPage: false });
    await page.close();
  });

  it('reads in English and shows ok for the healthy endpoint', async () => {
    const ok = env.lab.byCase('ok');
    const { page, problems, progressLines } = await submitForm(ok.url, 'en', 2);
    expect(progressLines.some((l) => l.startsWith('DNS lookup'))).toBe(true);
    await expect.poll(() => page.locator('article.verdict.top').getAttribute('data-cause')).toBe('ok');
    // The report URL carries no language: the choice made on the home page was saved.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('#server-view h2').innerText()).toBe('Server view');
    expect(problems).toEqual([]);
    // …and stays chosen on the next page, until switched back.
    await page.click('a.brand');
    await page.waitForURL(`${baseUrl}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.click('a[hreflang="zh"]');
    await page.waitForURL(`${baseUrl}/?lang=zh`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.close();
  });

  it('lays the phone and server views side by side on a desk, stacked on a phone', async () => {
    const icp = env.lab.byCase('icp-block');
    const created = await fetch(`${baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: icp.url,
        client: clientObservation(icp.url, resetAttempts(5)),
        options: { attempts: 5 },
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/r/${id}`);
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    let [phone, server] = [await box('#phone-view'), await box('#server-view')];
    expect(Math.abs(phone.y - server.y)).toBeLessThan(2);
    expect(server.x).toBeGreaterThan(phone.x + phone.width - 1);
    if (SHOT_DIR) await page.screenshot({ path: shotPath('wxprobe-report-both-views.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    [phone, server] = [await box('#phone-view'), await box('#server-view')];
    expect(Math.abs(phone.x - server.x)).toBeLessThan(2);
    expect(server.y).toBeGreaterThan(phone.y + phone.height - 1);
    // Nothing wider than the phone screen: wide tables scroll inside their own box.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    if (SHOT_DIR)
      await page.locator('#phone-view').screenshot({ path: shotPath('wxprobe-report-phone-view.png') });
    await page.close();
  });

  it('serves a working API explorer at /docs, offline', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('.swagger-ui .opblock', { timeout: 30_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThanOrEqual(7);
    expect(problems).toEqual([]);
    expect([...origins].filter((o) => o !== new URL(baseUrl).origin && o !== 'null')).toEqual([]);
    await page.close();
  });
});
