/**
 * Speed of a full diagnosis against the lab's healthy endpoint, side by side in one run with one
 * `curl` fetch of the same URL and with `sslscan` / `testssl.sh` where installed. Process start is
 * included for every tool. Prints medians and ratios; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startLab } from '../../server/lab/lab';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function which(cmd: string): string | null {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

function timeCommand(cmd: string, args: string[]): { medianMs: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const res = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
    times.push(performance.now() - start);
    status = res.status;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? NaN, status };
}

const lab = await startLab();
try {
  const ok = lab.byCase('ok');
  const { hostname, port } = new URL(ok.url);
  const rows: Array<[string, number, number | null]> = [];

  const probe = timeCommand(process.execPath, ['server/bin/wxprobe.js', ...ok.probeArgs, '--json']);
  rows.push(['wxprobe probe --json (full diagnosis)', probe.medianMs, probe.status]);

  if (which('curl')) {
    const curl = timeCommand('curl', [
      '-s',
      '-o',
      '/dev/null',
      '--cacert',
      lab.caFile,
      '--resolve',
      `${hostname}:${port}:${ok.address}`,
      ok.url,
    ]);
    rows.push(['curl (one fetch)', curl.medianMs, curl.status]);
  }
  if (which('sslscan')) {
    const scan = timeCommand('sslscan', ['--no-colour', `--sni-name=${hostname}`, `${ok.address}:${port}`]);
    rows.push(['sslscan', scan.medianMs, scan.status]);
  }
  const testssl = which('testssl.sh') ?? which('testssl');
  if (testssl) {
    const t = timeCommand(testssl, ['--quiet', '--fast', '--ip', ok.address, `${hostname}:${port}`]);
    rows.push(['testssl.sh --fast', t.medianMs, t.status]);
  }

  const base = rows[0]![1];
  console.log(`\nlab case "ok" ${ok.url} — median of ${RUNS} runs, process start included\n`);
  for (const [name, medianMs, status] of rows) {
    const ratio = name.startsWith('wxprobe') ? '' : `  wxprobe/this = ${(base / medianMs).toFixed(2)}`;
    console.log(`${name.padEnd(40)} ${medianMs.toFixed(0).padStart(7)} ms  (exit ${status})${ratio}`);
  }
  if (!existsSync('/usr/bin/sslscan'))
    console.log('(sslscan not installed: apt-get install sslscan to compare)');
} finally {
  await lab.close();
}
