import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../shared/diagnose/testdata/load-scenario';
import { buildReport } from '../../../../shared/report/build-report';
import { renderReportText } from './report-text';

// cn-east behind an ICP filter, local clean, hk-2 never answered (real recorded probes)
const split = buildReport(loadScenario('vantage-icp-one-region'));

/** The lines of the vantages section: from its heading to the diagnosis heading. */
function vantageSection(text: string, heading: string, next: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  return start === -1 ? [] : lines.slice(start + 1, lines.indexOf(next, start));
}

describe('the terminal report of several vantages', () => {
  it('shows each vantage, its state and main cause, its probe in brief under it (zh)', () => {
    const lines = vantageSection(renderReportText(split, { lang: 'zh', color: false }), '各探测点', '诊断');
    const east = lines.findIndex((l) => /^ {2}cn-east {2}已应答 {2}.*备案.*\[icp-filing-block\]$/.test(l));
    const local = lines.findIndex((l) => /^ {2}local {2}已应答 {2}.*\[ok\]$/.test(l));
    const hk = lines.findIndex((l) => l === '  hk-2  超时未应答');
    expect([east, local, hk].every((i) => i >= 0)).toBe(true);
    expect(east < local && local < hk).toBe(true);
    const eastRows = lines.slice(east + 1, local);
    expect(eastRows.some((l) => /^ {6}TLS 目标 SNI +0\/\d+/.test(l))).toBe(true);
    expect(eastRows.some((l) => /^ {6}TLS 对照/.test(l))).toBe(false);
    expect(hk).toBe(lines.length - 1);
  });

  it('colours a failing vantage red and a working one green, in English too', () => {
    const text = renderReportText(split, { lang: 'en', color: true });
    expect(text).toContain('\u001b[1mVantages\u001b[22m');
    expect(text).toMatch(/cn-east\u001b\[22m {2}\u001b\[31manswered/);
    expect(text).toMatch(/local\u001b\[22m {2}\u001b\[32manswered/);
    expect(text).toContain('no answer in time');
    // the diagnosis names the split beside the main cause
    expect(text).toMatch(/1\. .*\[icp-filing-block\][\s\S]*2\. .*\[vantage-dependent\]/);
  });

  it('says why a failed vantage has no probe, on its line', () => {
    const scenario = loadScenario('vantage-icp-one-region');
    const vantages = [
      ...scenario.vantages!.slice(0, 2),
      {
        vantage: 'hk-2',
        state: 'failed' as const,
        probe: null,
        error: 'getaddrinfo\n  EAI_AGAIN api.example.com',
      },
    ];
    const lines = vantageSection(
      renderReportText(buildReport({ ...scenario, vantages }), { lang: 'zh', color: false }),
      '各探测点',
      '诊断',
    );
    expect(lines.at(-1)).toBe('  hk-2  探测出错  getaddrinfo EAI_AGAIN api.example.com');
  });

  it('has no vantages section for a report probed from one place', () => {
    const text = renderReportText(buildReport(loadScenario('icp-split-hello-passes')), {
      lang: 'zh',
      color: false,
    });
    expect(text).not.toContain('各探测点');
    expect(text).toContain('服务器视角');
  });
});
