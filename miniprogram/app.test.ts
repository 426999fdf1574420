/**
 * The package opens in WeChat devtools as it is: every page in app.json has its four files, every
 * tab page is a page, every custom component a page or component uses exists, and the settings
 * the issue asks for are set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const app = readJson('app.json') as {
  pages: string[];
  tabBar: { list: { pagePath: string }[] };
  lazyCodeLoading: string;
  sitemapLocation: string;
};

function componentsOf(path: string): string[] {
  const json = readJson(`${path}.json`) as { usingComponents?: Record<string, string> };
  return Object.values(json.usingComponents ?? {}).map((p) =>
    p.startsWith('/') ? p.slice(1) : join(dirname(path), p),
  );
}

/** Every component used by the pages, directly or through another component. */
function allComponents(): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    for (const c of componentsOf(path)) {
      if (seen.has(c)) continue;
      seen.add(c);
      visit(c);
    }
  };
  app.pages.forEach(visit);
  return seen;
}

describe('app.json', () => {
  it('every page and every component it uses has .ts, .wxml, .wxss and .json', () => {
    const components = allComponents();
    expect(components.size).toBeGreaterThan(0);
    for (const path of [...app.pages, ...components]) {
      for (const ext of ['ts', 'wxml', 'wxss', 'json']) {
        expect(existsSync(join(root, `${path}.${ext}`)), `${path}.${ext}`).toBe(true);
      }
    }
  });

  it('tab pages are pages, the first page is 诊断, and lazy code loading is on', () => {
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
    expect(app.pages[0]).toBe('pages/diagnose/index');
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(existsSync(join(root, app.sitemapLocation))).toBe(true);
    expect(existsSync(join(root, 'app.ts')) && existsSync(join(root, 'app.wxss'))).toBe(true);
  });

  it('components declare themselves as components; pages do not', () => {
    for (const page of app.pages) expect(readJson(`${page}.json`).component).toBeUndefined();
    for (const c of allComponents()) expect(readJson(`${c}.json`).component, c).toBe(true);
  });
});
