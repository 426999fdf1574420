/**
 * Speed of a full diagnosis against the lab's healthy endpoint, side by side in one run with one
 * `curl` fetch of the same URL and with `sslscan` / `testssl.sh` where installed. Process start is
 * included for every tool. Then the server's read paths under load against a Fastify hello-world
 * (read-paths.ts). Prints medians, ratios and the issue #12 §7 goals (met / NOT met / skipped when a
 * tool is missing); asserts nothing. Then the fleet's figures (fleet.ts: an agent's jobs per second, CPU
 * and memory per probe, bytes per report in PostgreSQL). BENCH_ONLY=probe, =http or =fleet runs one part.
 */
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startLab } from '../../server/lab/lab';
import { startDelayProxy } from './delay-proxy';
import { benchFleet } from './fleet';
import { benchReadPaths } from './read-paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Emulated one-way delay for the second table (a 50 ms round trip by default); 0 skips it. */
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 25);
const ONLY = process.env.BENCH_ONLY ?? '';

function which(cmd: string): string | null {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

/** One run of a command, timed; asynchronous, because the lab answers from this very process. */
function runOnce(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; status: number | null }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, status });
    });
  });
}

async function timeCommand(
  cmd: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ medianMs: number; status: number | null }> {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const run = await runOnce(cmd, args, env);
    times.push(run.ms);
    status = run.status;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? NaN, status };
}

type Row = [string, number, number | null];

/** The speed goals of issue #12 §7: wxprobe's full diagnosis over the named tool's figure, at most. */
type Goal = { tool: string; max: number };
const LOOPBACK_GOALS: Goal[] = [{ tool: 'sslscan', max: 0.5 }];
const RELAY_GOALS: Goal[] = [
  { tool: 'curl (one fetch)', max: 2 },
  { tool: 'sslscan', max: 0.1 },
];
const INSTALL_HINT: Record<string, string> = {
  curl: 'skipped: curl not installed (apt-get install curl)',
  sslscan: 'skipped: sslscan not installed (apt-get install sslscan)',
};

/** One line per goal: the ratio and whether it is met, or why it could not be measured. */
function printGoals(rows: Row[], goals: Goal[]): void {
  const base = rows[0]![1];
  for (const goal of goals) {
    const row = rows.find(([name]) => name === goal.tool);
    const cmd = goal.tool.split(' ')[0] as string;
    if (!row) {
      console.log(`goal wxprobe/${cmd} ≤ ${goal.max}: ${INSTALL_HINT[cmd] ?? 'skipped'}`);
      continue;
    }
    const ratio = base / row[1];
    console.log(
      `goal wxprobe/${cmd} ≤ ${goal.max}: ${ratio.toFixed(2)} ${ratio <= goal.max ? 'met' : 'NOT met'}`,
    );
  }
}

/** wxprobe, curl and sslscan/testssl.sh against one address:port, each a median of RUNS runs. */
async function compare(
  ok: { url: string; probeArgs: string[] },
  address: string,
  extraProbeArgs: string[],
): Promise<Row[]> {
  const { hostname, port } = new URL(ok.url);
  const rows: Row[] = [];
  const probe = await timeCommand(process.execPath, [
    'server/bin/wxprobe.js',
    ...ok.probeArgs,
    ...extraProbeArgs,
    '--json',
  ]);
  rows.push(['wxprobe probe --json (full diagnosis)', probe.medianMs, probe.status]);
  if (which('curl')) {
    const curlArgs = [
      '-s',
      '-o',
      '/dev/null',
      '--cacert',
      lab.caFile,
      '--resolve',
      `${hostname}:${port}:${address}`,
    ];
    const curl = await timeCommand('curl', [...curlArgs, ok.url]);
    rows.push(['curl (one fetch)', curl.medianMs, curl.status]);
  }
  if (which('sslscan')) {
    const scan = await timeCommand('sslscan', [
      '--no-colour',
      `--sni-name=${hostname}`,
      `${address}:${port}`,
    ]);
    rows.push(['sslscan', scan.medianMs, scan.status]);
  }
  const testssl = which('testssl.sh') ?? which('testssl');
  if (testssl) {
    const t = await timeCommand(testssl, ['--quiet', '--fast', '--ip', address, `${hostname}:${port}`]);
    rows.push(['testssl.sh --fast', t.medianMs, t.status]);
  }
  return rows;
}

function print(title: string, rows: Row[]): void {
  const base = rows[0]![1];
  console.log(`\n${title}\n`);
  for (const [name, medianMs, status] of rows) {
    const ratio = name.startsWith('wxprobe') ? '' : `  wxprobe/this = ${(base / medianMs).toFixed(2)}`;
    console.log(`${name.padEnd(40)} ${medianMs.toFixed(0).padStart(7)} ms  (exit ${status})${ratio}`);
  }
}

const lab = await startLab();
const wxprobeArgs = (() => {
  const ok = lab.byCase('ok');
  return ['server/bin/wxprobe.js', ...ok.probeArgs, '--json'];
})();
try {
  if (ONLY === '' || ONLY === 'probe') await benchProbe();
  if (ONLY === '' || ONLY === 'http') await benchReadPaths(process.cwd(), lab);
  if (ONLY === '' || ONLY === 'fleet') await benchFleet(process.cwd(), lab);
} finally {
  await lab.close();
}

async function benchProbe(): Promise<void> {
  const ok = lab.byCase('ok');
  const printed: { loopback: Row[]; relay: Row[] } = { loopback: [], relay: [] };
  print(
    `lab case "ok" ${ok.url} on plain loopback — median of ${RUNS} runs, process start included`,
    await compare(ok, ok.address, []).then((rows) => (printed.loopback = rows)),
  );
  printGoals(printed.loopback, LOOPBACK_GOALS);

  if (DELAY_MS > 0) {
    // Loopback has no round-trip time, so it measures CPU only. Through a relay that delays every
    // chunk, the count of sequential round trips each tool needs shows, as on a real network.
    const { port } = new URL(ok.url);
    const relayAddress = '127.77.0.200';
    const proxies = [await startDelayProxy({ address: relayAddress, port: Number(port) }, ok, DELAY_MS)];
    if (ok.httpPort !== null) {
      proxies.push(
        await startDelayProxy(
          { address: relayAddress, port: ok.httpPort },
          { address: ok.address, port: ok.httpPort },
          DELAY_MS,
        ),
      );
    }
    try {
      const host = new URL(ok.url).hostname;
      print(
        `the same through a relay adding ${DELAY_MS} ms each way (RTT ${2 * DELAY_MS} ms; TCP connect not delayed)`,
        await compare(ok, relayAddress, ['--resolve', `${host}:*:${relayAddress}`]).then(
          (rows) => (printed.relay = rows),
        ),
      );
      printGoals(printed.relay, RELAY_GOALS);
    } finally {
      for (const p of proxies) await p.close();
    }
  }

  // The share of the figure that is node's own start, which no change to wxprobe can remove.
  const floor = await timeCommand(process.execPath, ['-e', '0']);
  console.log(`\nnode -e 0 (start-up floor of any node program here): ${floor.medianMs.toFixed(0)} ms`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // Node parses that file at every start; the row above keeps the environment as it is.
    const { NODE_EXTRA_CA_CERTS: _extra, ...withoutExtra } = process.env;
    const bare = await timeCommand(process.execPath, ['-e', '0'], withoutExtra);
    const plain = await timeCommand(process.execPath, wxprobeArgs, withoutExtra);
    console.log(
      `NODE_EXTRA_CA_CERTS is set, which node parses at every start: without it node -e 0 takes ` +
        `${bare.medianMs.toFixed(0)} ms and wxprobe ${plain.medianMs.toFixed(0)} ms (informational)`,
    );
  }
}
