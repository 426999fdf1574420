/**
 * `wxprobe diagnose --client c.json [--probe p.json] [--json] [--lang zh|en]`: re-diagnoses stored
 * observations (or stored reports) with the current rules, without touching the network.
 */
import { buildReport, reportExitCode } from '../../../../shared/report/build-report';
import { compareTargets, targetMatchText } from '../../../../shared/report/target-match';
import { parseCommandArgs, parseLangOption, runCommand, UsageError } from '../args';
import { readClientObservation, readProbeObservation } from '../read-observation';
import { renderReportText } from '../render/report-text';
import { wantsColor } from '../render/style';

const USAGE = 'usage: wxprobe diagnose --client <client.json> [--probe <probe.json>] [--json] [--lang zh|en]';

const OPTIONS = {
  client: { type: 'string' },
  probe: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'zh' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const run = (argv: string[]): Promise<number> => runCommand('diagnose', argv, () => diagnose(argv));

async function diagnose(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, { allowPositionals: false });
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n用当前的规则重新诊断保存下来的观测（小程序的 client.json、服务器的 probe.json，或整份报告）。\n`,
    );
    return 0;
  }
  const lang = parseLangOption(values.lang);
  if (!values.client && !values.probe) {
    throw new UsageError('请给出 --client 和/或 --probe', 'give --client and/or --probe');
  }
  const client = values.client ? await readClientObservation(values.client) : null;
  const probe = values.probe ? await readProbeObservation(values.probe) : null;
  // Two views of two different servers are not one diagnosis (the same check as probe --client-report).
  const notes: string[] = [];
  if (client && probe) {
    const match = compareTargets(client.url, probe.url);
    if (match.kind === 'other-target' || match.kind === 'unparseable') {
      throw new UsageError(
        targetMatchText(match, client.url, probe.url, 'zh'),
        targetMatchText(match, client.url, probe.url, 'en'),
      );
    }
    if (match.kind === 'other-path') notes.push(targetMatchText(match, client.url, probe.url, lang));
  }
  const report = buildReport({ client, probe });
  if (values.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    for (const note of notes) process.stderr.write(`wxprobe diagnose: ${note}\n`);
  } else process.stdout.write(renderReportText(report, { lang, color: wantsColor(process.stdout), notes }));
  return reportExitCode(report);
}
