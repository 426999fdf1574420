/**
 * `wxprobe diagnose --client c.json [--probe p.json] [--json] [--lang zh|en]`: re-diagnoses stored
 * observations (or stored reports) with the current rules, without touching the network.
 */
import { parseArgs } from 'node:util';
import { buildReport, reportExitCode } from '../../../../shared/report/build-report';
import { compareTargets, targetMatchText } from '../../../../shared/report/target-match';
import { requestedLang } from '../probe-flags';
import { InputFileError, readClientObservation, readProbeObservation } from '../read-observation';
import { renderReportText } from '../render/report-text';
import { wantsColor } from '../render/style';

const USAGE = 'usage: wxprobe diagnose --client <client.json> [--probe <probe.json>] [--json] [--lang zh|en]';

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        client: { type: 'string' },
        probe: { type: 'string' },
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'zh' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? '';
    const zh = requestedLang(argv) === 'zh';
    process.stderr.write(`wxprobe diagnose: ${zh ? `选项有误（${message}）` : message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n用当前的规则重新诊断保存下来的观测（小程序的 client.json、服务器的 probe.json，或整份报告）。\n`,
    );
    return 0;
  }
  if (values.lang !== 'zh' && values.lang !== 'en') {
    process.stderr.write('wxprobe diagnose: --lang 只能是 zh 或 en / --lang must be zh or en\n');
    return 2;
  }
  if (!values.client && !values.probe) {
    process.stderr.write(
      `wxprobe diagnose: ${values.lang === 'en' ? 'give --client and/or --probe' : '请给出 --client 和/或 --probe'}\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    const client = values.client ? await readClientObservation(values.client) : null;
    const probe = values.probe ? await readProbeObservation(values.probe) : null;
    // Two views of two different servers are not one diagnosis (the same check as probe --client-report).
    const notes: string[] = [];
    if (client && probe) {
      const match = compareTargets(client.url, probe.url);
      const text = targetMatchText(match, client.url, probe.url, values.lang);
      if (match.kind === 'other-target' || match.kind === 'unparseable') {
        process.stderr.write(`wxprobe diagnose: ${text}\n`);
        return 2;
      }
      if (match.kind === 'other-path') notes.push(text);
    }
    const report = buildReport({ client, probe });
    if (values.json) {
      process.stdout.write(JSON.stringify(report) + '\n');
      for (const note of notes) process.stderr.write(`wxprobe diagnose: ${note}\n`);
    } else
      process.stdout.write(
        renderReportText(report, { lang: values.lang, color: wantsColor(process.stdout), notes }),
      );
    return reportExitCode(report);
  } catch (err) {
    if (err instanceof InputFileError) {
      process.stderr.write(`wxprobe diagnose: ${err.text(values.lang)}\n`);
      return 2;
    }
    throw err;
  }
}
