// @vitest-environment jsdom
/** The report page shows the vantages side by side, each as the shared view model says. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../shared/diagnose/testdata/load-scenario';
import { buildReport } from '../../../../shared/report/build-report';
import { renderReportPage } from './report-page';

/** The little of the DOM these checks read (the server's tsconfig has no DOM types; jsdom provides it). */
type Node = {
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): Iterable<Node>;
};
const { DOMParser } = globalThis as unknown as {
  DOMParser: new () => { parseFromString(text: string, type: 'text/html'): Node };
};

function page(scenario: string, lang: 'zh' | 'en') {
  const report = buildReport({ ...loadScenario(scenario), id: 'r1' });
  return new DOMParser().parseFromString(
    renderReportPage({ ...report, id: 'r1' }, lang, '/r/r1'),
    'text/html',
  );
}

const text = (n: Node | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the vantages on the report page', () => {
  it('stand side by side: name, state, main cause and the probe in brief, in the order asked', () => {
    const doc = page('vantage-icp-one-region', 'zh');
    expect(text(doc.querySelector('#vantages h2'))).toBe('各探测点');
    const cards = [...doc.querySelectorAll('#vantages .vantage')];
    expect(cards.map((c) => [c.getAttribute('data-vantage'), c.getAttribute('data-state')])).toEqual([
      ['cn-east', 'answered'],
      ['local', 'answered'],
      ['hk-2', 'no-answer'],
    ]);
    const [east, local, hk] = cards;
    expect(east!.classList.contains('t-bad')).toBe(true);
    expect(local!.classList.contains('t-ok')).toBe(true);
    expect(hk!.classList.contains('t-dim')).toBe(true);
    expect(text(east!.querySelector('.main-cause'))).toMatch(/备案.* icp-filing-block$/);
    expect(text(east!.querySelector('.state'))).toBe('已应答');
    const eastRows = [...east!.querySelectorAll('tr')].map((tr) => text(tr.querySelector('th')));
    expect(eastRows).toContain('TLS 目标 SNI');
    expect(east!.querySelector('tr td span.bad')).not.toBeNull();
    expect(text(hk!.querySelector('.state'))).toBe('超时未应答');
    expect(hk!.querySelector('table')).toBeNull();
    expect(hk!.querySelector('.main-cause')).toBeNull();
  });

  it('speak the page language', () => {
    const doc = page('vantage-icp-one-region', 'en');
    expect(text(doc.querySelector('#vantages h2'))).toBe('Vantages');
    expect(text(doc.querySelector('#vantages [data-vantage="hk-2"] .state'))).toBe('no answer in time');
    expect(text(doc.querySelector('#vantages [data-vantage="local"] .main-cause'))).toMatch(/ ok$/);
  });

  it('say why a failed vantage has no probe, as text, never as markup', () => {
    const scenario = loadScenario('vantage-icp-one-region');
    const error = 'agent: <script>alert(1)</script> ENOTFOUND';
    const vantages = [
      ...scenario.vantages!.slice(0, 2),
      { vantage: 'hk-2', state: 'failed' as const, probe: null, error },
    ];
    const report = buildReport({ ...scenario, vantages, id: 'r2' });
    const doc = new DOMParser().parseFromString(
      renderReportPage({ ...report, id: 'r2' }, 'zh', '/r/r2'),
      'text/html',
    );
    const hk = doc.querySelector('#vantages [data-vantage="hk-2"]');
    expect(text(hk?.querySelector('.state'))).toBe('探测出错');
    expect(text(hk?.querySelector('.vantage-error code'))).toBe(error);
    expect(hk?.querySelector('script')).toBeNull();
    expect(doc.querySelector('#vantages [data-vantage="local"] .vantage-error')).toBeNull();
  });

  it('are not shown for a report probed from one place', () => {
    expect(page('icp-split-hello-passes', 'zh').querySelector('#vantages')).toBeNull();
  });
});
