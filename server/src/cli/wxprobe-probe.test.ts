/**
 * `wxprobe probe` as a user runs it: the built command as a child process (server/bin/wxprobe.js,
 * built once by scripts/vitest-build-cli.ts) against the real lab on loopback. Ctrl-C, client reports
 * for other targets, the address policy, the real ports in the advice, and Chinese that is Chinese.
 * Timing bounds are generous: the machine is a noisy 2-core box.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/observations/index';
import { startLab, type Lab } from '../../lab/lab';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
let lab: Lab;
let dir: string;

beforeAll(async () => {
  lab = await startLab({
    cases: [
      'ok',
      'hang-after-hello',
      'slow',
      'refused',
      'dropped',
      'icp-block',
      'tls10-only',
      'incomplete-chain',
      'nxdomain',
    ],
    slowDelayMs: 20_000,
  });
  dir = mkdtempSync(join(tmpdir(), 'wxprobe-probe-cli-'));
});
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number | null; stdout: string; stderr: string; exitedAt: number };

/** Spawns the CLI; `onStderr` sees stderr as it grows (to send signals at the right moment). */
function start(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr, child);
  });
  const done = new Promise<Run>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr, exitedAt: performance.now() })),
  );
  return { child, done };
}

const wxprobe = (args: string[]) => start(args).done;

/** The lab's command for a case, with the step timeout long enough that only Ctrl-C can end it early. */
const argsOf = (name: string, extra: string[] = []) => [...lab.byCase(name).probeArgs, ...extra];

/** Sends SIGINT (count times, `gap` ms apart) once the TCP step has been reported. */
function interruptAfterTcp(args: string[], count: number, gap = 30) {
  let sentAt = 0;
  let sent = false;
  const { done } = start(args, (stderr, child) => {
    if (sent || !/TCP/.test(stderr)) return;
    sent = true;
    sentAt = performance.now();
    child.kill('SIGINT');
    for (let i = 1; i < count; i++) setTimeout(() => child.kill('SIGINT'), gap * i);
  });
  return done.then((run) => ({ ...run, afterSignalMs: run.exitedAt - sentAt, sent }));
}

describe('Ctrl-C', () => {
  it('the first SIGINT stops a hanging probe at once, prints what was measured marked interrupted, exits 130', async () => {
    const run = await interruptAfterTcp(argsOf('hang-after-hello', ['--timeout', '20000']), 1);
    expect(run.sent).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(run.afterSignalMs).toBeLessThan(3_000);
    expect(run.stdout).toContain('已中断');
    expect(run.stdout).toMatch(/TCP :\d+\s+127\.77\.0\.16:\d+ ok/); // the partial facts
    expect(run.stdout).toContain('[已中断]');
    expect(run.stdout).not.toMatch(/\[unknown\] \d+%/);
    expect(run.stdout + run.stderr).not.toContain('probe budget ended');
    expect(run.stderr).toMatch(/TLS 握手.*已中断/);
  });

  it('--json: exit 130 and one valid report whose probe says which steps were cut, no confidence', async () => {
    const { child, done } = start(argsOf('hang-after-hello', ['--json', '--timeout', '20000']));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sentAt = performance.now();
    child.kill('SIGINT');
    const run = await done;
    expect(run.code, run.stderr).toBe(130);
    expect(run.exitedAt - sentAt).toBeLessThan(3_000);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = parseReport(JSON.parse(lines[0] as string));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.probe?.interrupted?.steps).toContain('tls');
    expect(parsed.value.probe?.steps.tls).toBe('skipped');
    expect(parsed.value.diagnosis.verdicts[0]).toMatchObject({ cause: 'unknown', confidence: 0 });
    expect(parsed.value.diagnosis.verdicts[0]?.title.en).toMatch(/interrupted/);
  });

  it('a second SIGINT exits at once, still with 130', async () => {
    const run = await interruptAfterTcp(argsOf('slow', ['--timeout', '20000', '--lang', 'en']), 2, 20);
    expect(run.sent).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(run.afterSignalMs).toBeLessThan(3_000);
    expect(run.stdout + run.stderr).toMatch(/interrupted/);
  });
});

function clientFile(url: string): string {
  const file = join(dir, `client-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(clientObservation(url, resetAttempts(5))));
  return file;
}

describe('--client-report for another target', () => {
  it.each([
    ['host', (u: URL) => `https://other.lab.wxprobe.test:${u.port}/`, /主机 other\.lab\.wxprobe\.test/],
    ['port', (u: URL) => `https://${u.hostname}:${Number(u.port) + 1}/`, /端口 \d+/],
    ['scheme', (u: URL) => `http://${u.hostname}:${u.port}/`, /协议 http/],
  ])('another %s is refused with one line and exit 2, before any probing', async (_, other, reason) => {
    const icp = lab.byCase('icp-block');
    const run = await wxprobe([...icp.probeArgs, '--client-report', clientFile(other(new URL(icp.url)))]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain('另一个目标');
  });

  it('another path only is accepted, with a note in the output', async () => {
    const icp = lab.byCase('icp-block');
    const run = await wxprobe([
      ...icp.probeArgs,
      '--attempts',
      '3',
      '--client-report',
      clientFile(new URL('/v1/other?x=1', icp.url).href),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('注意：手机视角测的是路径 /v1/other?x=1，服务器视角探测的是 /');
    expect(run.stdout).toContain('手机视角');
    expect(run.stdout).toContain('[icp-filing-block]');
  });
});

describe('wxprobe diagnose with views of two targets', () => {
  it('refuses another host with one line (exit 2) and notes another path', async () => {
    const ok = lab.byCase('ok');
    const raw = await wxprobe([...ok.probeArgs, '--raw', '--attempts', '2']);
    expect(raw.code, raw.stderr).toBe(0);
    const probeFile = join(dir, 'probe.json');
    writeFileSync(probeFile, raw.stdout);
    const other = await wxprobe([
      'diagnose',
      '--client',
      clientFile('https://elsewhere.example/'),
      '--probe',
      probeFile,
    ]);
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toContain('主机 elsewhere.example');
    const path = await wxprobe([
      'diagnose',
      '--client',
      clientFile(new URL('/elsewhere', ok.url).href),
      '--probe',
      probeFile,
      '--lang',
      'en',
    ]);
    expect(path.stdout).toContain('note: the client view measured path /elsewhere, the probe /');
  });
});

describe('the address policy on the CLI', () => {
  it('a refused target is a usage answer: one line saying how to allow it, exit 2, nothing on stdout', async () => {
    const args = argsOf('ok').filter((a) => a !== '--allow-private');
    for (const extra of [[], ['--json'], ['--lang', 'en']]) {
      const run = await wxprobe([...args, ...extra]);
      expect(run.code, `${extra}: ${run.stderr}`).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('--allow-private');
      expect(run.stderr).toContain('--allow-cidr 127.77.0.1/32');
      expect(run.stderr).not.toMatch(/\[unknown\]/);
    }
  });
});

describe('advice and evidence name the real host and port', () => {
  it('refused, dropped, incomplete-chain and icp-block: the port checked, not 443 or 80', async () => {
    const [refused, dropped, chain, icp] = await Promise.all([
      wxprobe(argsOf('refused')),
      wxprobe(argsOf('dropped', ['--timeout', '1500'])),
      wxprobe(argsOf('incomplete-chain', ['--attempts', '2'])),
      wxprobe(argsOf('icp-block', ['--attempts', '3'])),
    ]);
    const port = (name: string) => lab.byCase(name).port;
    expect(refused.stdout).toContain(`0.0.0.0:${port('refused')}`);
    expect(refused.stdout).toMatch(new RegExp(`TCP :${port('refused')}\\s`));
    if (!lab.skipped.some((s) => s.case === 'dropped'))
      expect(dropped.stdout).toContain(`TCP ${port('dropped')} 入站`);
    const chainHost = lab.byCase('incomplete-chain').name;
    expect(chain.stdout).toContain(`openssl s_client -connect ${chainHost}:${port('incomplete-chain')}`);
    const icpCase = lab.byCase('icp-block');
    expect(icp.stdout).toContain(`-connect <IP>:${icpCase.port}`);
    expect(icp.stdout).toContain(`http://<服务器IP>:${icpCase.httpPort}/`);
    expect(icp.stdout).toContain(`明文 HTTP :${icpCase.httpPort}`);
    // A port, not a duration: "TLS … 443 ms" is a timing that may well come out at 443.
    for (const run of [refused, dropped, chain, icp]) expect(run.stdout).not.toMatch(/:443\b| 443 (?!ms\b)/);
  });
});

describe('Chinese output is Chinese', () => {
  it('step notes, error notes and TLS versions are said in Chinese, each raw code once', async () => {
    const [refused, nxdomain, icp, tls10] = await Promise.all([
      wxprobe(argsOf('refused')),
      wxprobe(argsOf('nxdomain')),
      wxprobe(argsOf('icp-block', ['--attempts', '3'])),
      wxprobe(argsOf('tls10-only', ['--attempts', '2'])),
    ]);
    expect(refused.stderr).toContain('没有建立 TCP 连接');
    expect(refused.stdout).toContain('连接被拒绝（ECONNREFUSED）');
    expect(nxdomain.stderr).toContain('没有解析到地址');
    expect(nxdomain.stdout).toContain('A/AAAA 域名不存在（ENOTFOUND）');
    expect(icp.stdout).toContain('连接被重置（ECONNRESET）');
    expect(icp.stdout).not.toContain('ECONNRESET read ECONNRESET');
    expect(tls10.stdout).toMatch(/TLS 1\.0 ✓/);
    expect(tls10.stdout).toContain('服务器只接受 TLS 1.0 这样的旧版本');
    for (const run of [refused, nxdomain, icp, tls10]) {
      expect(run.stderr).not.toMatch(/no TCP connection|no address|probe budget ended/);
      expect(run.stdout).not.toMatch(/TLSv1 | 1 [✓✗]/);
    }
  });

  it('--lang en keeps English notes', async () => {
    const run = await wxprobe(argsOf('refused', ['--lang', 'en']));
    expect(run.stderr).toContain('no TCP connection');
    expect(run.stdout).toContain('connect ECONNREFUSED');
  });
});
