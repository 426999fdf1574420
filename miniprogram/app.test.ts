/**
 * The package opens in WeChat devtools as it is: every page in app.json has its four files, every
 * tab page is a page, every custom component a page or component uses exists, and the settings
 * the issue asks for are set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

describe('devtools project settings', () => {
  const repo = join(root, '..');
  const project = JSON.parse(readFileSync(join(repo, 'project.config.json'), 'utf8')) as {
    setting: Record<string, unknown>;
    packOptions: { ignore: { type: string; value: string }[] };
  };

  function filesUnder(dir: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = dir ? `${dir}/${d.name}` : d.name;
      return d.isDirectory() ? filesUnder(rel) : [rel];
    });
  }

  it('test files are left out of the dev compile and the package (packOptions), never shipped', () => {
    expect(project.setting.ignoreDevUnusedFiles).toBe(true);
    expect(project.setting.ignoreUploadUnusedFiles).toBe(true);
    const ignored = (rel: string) =>
      project.packOptions.ignore.some(
        ({ type, value }) =>
          (type === 'suffix' && rel.endsWith(value)) ||
          (type === 'folder' && rel.startsWith(`${value}/`)) ||
          (type === 'file' && rel === value),
      );
    const tests = filesUnder('').filter((f) => f.endsWith('.test.ts') || f.startsWith('test/'));
    expect(tests.length).toBeGreaterThan(10);
    for (const file of tests) expect(ignored(file), file).toBe(true);
  });

  it('the developer’s own devtools settings (project.private.config.json) are not committed', () => {
    const gitignore = readFileSync(join(repo, '.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain('project.private.config.json');
  });

  it('every wx:key names a field of the items (or *this): never the loop index', () => {
    const wxml = filesUnder('').filter((f) => f.endsWith('.wxml'));
    for (const file of wxml)
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/wx:key="index"/);
  });
});
