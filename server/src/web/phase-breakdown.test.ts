// @vitest-environment jsdom
/**
 * One report whose phone attempts carry WeChat `profile`s, three media: the CLI text, the web report
 * page's phone waterfall and the mini-program's timing bar (fed the segments the Report page's view
 * gives each attempt). Each must show the same phases with the same milliseconds: the one definition
 * in shared/present/phases.ts, not three.
 */
import { join } from 'node:path';
import simulate from 'miniprogram-simulate';
import { describe, expect, inject, it } from 'vitest';
import { clientFixture, probeFixture } from '../../../miniprogram/test/fixtures';
import '../../../miniprogram/test/paths';
import { buildReportView } from '../../../miniprogram/view/report-view';
import type { ClientObservation, ClientProfile } from '../../../shared/observations/client';
import { T0, freshProfile, reusedProfile } from '../../../shared/present/testdata/profiles';
import { buildReport } from '../../../shared/report/build-report';
import type { Lang } from '../../../shared/taxonomy/codes';
import { renderReportText } from '../cli/render/report-text';
import { renderReportPage } from './pages/report-page';

/** connectEnd 3 ms after SSLconnectionEnd: TCP still ends where TLS starts (24 ms, not 27). */
const fresh: ClientProfile = freshProfile({
  connectEnd: T0 + 93,
  requestStart: T0 + 94,
  peerIP: '203.0.113.7',
  protocol: 'h2',
  socketReused: false,
});
const reused: ClientProfile = reusedProfile(fresh);

type Phase = [label: string, ms: number];
const EXPECTED: Record<'fresh' | 'reused', Record<Lang, Phase[]>> = {
  fresh: {
    zh: [
      ['DNS', 20],
      ['TCP', 24],
      ['TLS', 45],
      ['首字节', 56],
      ['下载', 5],
    ],
    en: [
      ['DNS', 20],
      ['TCP', 24],
      ['TLS', 45],
      ['First byte', 56],
      ['Download', 5],
    ],
  },
  reused: {
    zh: [
      ['首字节', 56],
      ['下载', 5],
    ],
    en: [
      ['First byte', 56],
      ['Download', 5],
    ],
  },
};

/** The phone's view of the report: a failed attempt without a profile, then a success with one. */
function reportWith(profile: ClientProfile) {
  const client: ClientObservation = clientFixture([
    { ok: false, durationMs: 80, errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET' },
    { ok: true, durationMs: 155, statusCode: 200, profile },
  ]);
  return { client, report: { ...buildReport({ client, probe: probeFixture() }), id: 'r-phases' } };
}

/** `首字节 56 ms`, `20.0 ms` → a label and a number. */
const phase = (label: string, value: string): Phase => [label.trim(), Number(/([\d.]+) ms/.exec(value)?.[1])];

function cliPhases(report: ReturnType<typeof reportWith>['report'], lang: Lang): Phase[] {
  const out = renderReportText(report, { lang, color: false });
  const line = out.split('\n').find((l) => /profile/.test(l)) ?? '';
  const cells = line.replace(/^.*profile(?: #\d+)?\s+/, '').split(' · ');
  return cells.map((cell) => {
    const m = /^(.*) (\S+ ms)$/.exec(cell);
    return phase(m?.[1] ?? cell, m?.[2] ?? '');
  });
}

/** The phone waterfall's rows that have a bar (a phase that did not happen is drawn as "—"). */
function webPhases(report: ReturnType<typeof reportWith>['report'], lang: Lang): Phase[] {
  const page = renderReportPage(report, lang, '/r/r-phases');
  const phone = page.slice(page.indexOf('id="phone-view"'), page.indexOf('id="server-view"'));
  const svg = phone.slice(phone.indexOf('<svg class="waterfall"'), phone.indexOf('</svg>'));
  const rows = [
    ...svg.matchAll(
      /<text class="wf-label"[^>]*>([^<]*)<\/text>(<rect[^>]*\/>)?<text class="wf-value[^"]*"[^>]*>([^<]*)</g,
    ),
  ];
  expect(rows.length).toBe(5); // every phase has its row, drawn or not
  return rows.filter((r) => r[2] !== undefined).map((r) => phase(r[1]!, r[3]!));
}

/**
 * The timing bar of the Report page's second attempt, rendered by miniprogram-simulate from the
 * compiled mini-program (as miniprogram/test/simulate.ts does; that helper needs the DOM types this
 * server-side program does not load).
 */
async function miniprogramPhases(client: ClientObservation, lang: Lang): Promise<Phase[]> {
  const view = buildReportView({ client, report: null, serverFailure: null }, lang);
  const root = inject('miniprogramBuild');
  const id = simulate.load(join(root, 'components/timing-bar/index'), { rootPath: root });
  const bar = simulate.render(id, { segments: view.attempts[1]!.segments });
  const { document } = globalThis as unknown as { document: { createElement(tag: string): never } };
  bar.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(10);
  return bar.querySelectorAll('.legend-item').map((node) => {
    const text = String(node.dom.textContent).replace(/\s+/g, ' ').trim();
    const m = /^(.*) (\d+ ms)$/.exec(text);
    return phase(m?.[1] ?? text, m?.[2] ?? '');
  });
}

describe('the phase breakdown of a phone profile, in the CLI, on the web page and in the mini-program', () => {
  for (const kind of ['fresh', 'reused'] as const)
    for (const lang of ['zh', 'en'] as const)
      it(`is the same in all three: ${kind} connection (${lang})`, async () => {
        const { client, report } = reportWith(kind === 'fresh' ? fresh : reused);
        const expected = EXPECTED[kind][lang];
        expect(cliPhases(report, lang)).toEqual(expected);
        expect(webPhases(report, lang)).toEqual(expected);
        expect(await miniprogramPhases(client, lang)).toEqual(expected);
      });
});
