/**
 * `wxprobe diagnose --client c.json [--probe p.json] [--json] [--lang zh|en]`: re-diagnoses stored
 * observations (or stored reports) with the current rules, without touching the network.
 */
import { parseArgs } from 'node:util';
import { buildReport, reportExitCode } from '../../../../shared/report/build-report';
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
    process.stderr.write(`wxprobe diagnose: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n用当前的规则重新诊断保存下来的观测（小程序的 client.json、服务器的 probe.json，或整份报告）。\n`,
    );
    return 0;
  }
  if (values.lang !== 'zh' && values.lang !== 'en') {
    process.stderr.write('wxprobe diagnose: --lang must be zh or en\n');
    return 2;
  }
  if (!values.client && !values.probe) {
    process.stderr.write(`wxprobe diagnose: give --client and/or --probe\n${USAGE}\n`);
    return 2;
  }
  try {
    const client = values.client ? await readClientObservation(values.client) : null;
    const probe = values.probe ? await readProbeObservation(values.probe) : null;
    const report = buildReport({ client, probe });
    if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
    else
      process.stdout.write(
        renderReportText(report, { lang: values.lang, color: wantsColor(process.stdout) }),
      );
    return reportExitCode(report);
  } catch (err) {
    if (err instanceof InputFileError) {
      process.stderr.write(`wxprobe diagnose: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
