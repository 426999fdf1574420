// @vitest-environment jsdom
/**
 * On the report page every evidence line links to the part of the observations it cites: the link's
 * target exists on the page, names the same JSON Pointer and shows the JSON found there.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../shared/diagnose/testdata/load-scenario';
import { resolvePointer } from '../../../../shared/present/evidence';
import { buildReport } from '../../../../shared/report/build-report';
import { jsonPreview } from '../json-preview';
import { PAGE_LIMITS } from '../page-limits';
import { renderReportPage } from './report-page';

/** The little of the DOM these checks read (the server's tsconfig has no DOM types; jsdom provides it). */
type Node = {
  textContent: string | null;
  id: string;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): Iterable<Node>;
};
type Doc = Node & { getElementById(id: string): Node | null };
const { DOMParser } = globalThis as unknown as {
  DOMParser: new () => { parseFromString(text: string, type: 'text/html'): Doc };
};

function page(scenario: string, lang: 'zh' | 'en' = 'zh') {
  const report = buildReport({ ...loadScenario(scenario), id: 'r1', createdAt: '2026-11-28T08:00:05.000Z' });
  const doc = new DOMParser().parseFromString(
    renderReportPage({ ...report, id: 'r1' }, lang, '/r/r1'),
    'text/html',
  );
  return { report, doc };
}

describe('evidence lines on the report page', () => {
  for (const scenario of [
    'icp-2-of-100-leak',
    'cert-untrusted-root',
    'unknown-client-only',
    'dns-mismatch-other-address',
    'vantage-icp-one-region',
  ]) {
    it(`${scenario}: each line links to the observation part it cites`, () => {
      const { report, doc } = page(scenario);
      const lines = [...doc.querySelectorAll('ul.evidence li')].filter(
        (li) => !li.classList.contains('muted'),
      );
      const expected = report.diagnosis.verdicts
        .slice(0, PAGE_LIMITS.verdicts)
        .reduce((n, v) => n + Math.min(v.evidence.length, PAGE_LIMITS.evidenceLines), 0);
      expect(lines).toHaveLength(expected);
      for (const li of lines) {
        const link = li.querySelector('a.ptr');
        expect(link, li.textContent ?? '').not.toBeNull();
        const pointer = link?.textContent ?? '';
        const target = doc.getElementById((link?.getAttribute('href') ?? '').slice(1));
        expect(target?.querySelector('h4')?.textContent).toBe(pointer);
        const shown = target?.querySelector('pre')?.textContent ?? '';
        const value = resolvePointer(report, pointer);
        expect(value).not.toBeUndefined();
        expect(shown).toBe(
          jsonPreview(value, {
            maxChars: PAGE_LIMITS.citedChars,
            maxDepth: PAGE_LIMITS.citedDepth,
            maxStringChars: PAGE_LIMITS.rawJsonStringChars,
            indent: 2,
          }).text,
        );
      }
    });
  }

  it('the lines are in the page language, the cited parts listed once each', () => {
    const zh = page('tls-reset-all', 'zh').doc;
    const en = page('tls-reset-all', 'en').doc;
    expect(zh.querySelector('ul.evidence li')?.textContent).toContain(
      'TLS 握手（带目标 SNI api.example.com）：0/10 次成功',
    );
    expect(en.querySelector('ul.evidence li')?.textContent).toContain(
      'TLS handshakes (target SNI api.example.com): 0/10 ok',
    );
    const ids = [...zh.querySelectorAll('#cited .cited')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('obs.probe.tls.variants.0');
    expect(zh.querySelector('#cited h2')?.textContent).toBe('证据引用的观测');
  });
});
