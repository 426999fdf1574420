/**
 * `wxprobe agent` as a real child process (the built CLI) against a real server on 127.0.0.1 port 0,
 * probing the lab's TLS server on loopback: the job's result arrives at the server's deliver, the
 * agent's own address policy applies, a bad token exits 2 without taking the job, SIGTERM stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab';
import type { AgentResult } from '../agents/job-source';
import { buildApp } from '../app';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import { waitUntil } from '../queue/test-support/wait';
import { newReportId } from '../store/report-id';
import { labConfig } from '../testing/lab-app';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
const TOKEN = 'east-agent-token-0123456789';

let lab: Lab;
let app: FastifyInstance;
let server: string;
const delivered: { job: ProbeJobData; result: AgentResult }[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  lab = await startLab({ cases: ['ok', 'hang-after-hello'] });
  app = await buildApp(labConfig(lab, { agentTokens: [{ vantage: 'cn-east', token: TOKEN }] }), {
    deliverAgentResult: async (job, result) => void delivered.push({ job, result }),
  });
  server = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app?.close();
  await lab?.close();
});

type Agent = { child: ChildProcess; stdout(): string; stderr(): string; exit: Promise<number | null> };

function agent(args: string[], token = TOKEN): Agent {
  const child = spawn(process.execPath, [bin, 'agent', '--server', server, '--wait-seconds', '1', ...args], {
    cwd: root,
    env: { ...process.env, WXPROBE_AGENT_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

function jobFor(url: string): ProbeJobData {
  return {
    reportId: newReportId(),
    vantage: 'cn-east',
    url,
    // what a server hands out; an address-policy option here would be ignored by the agent
    options: { attempts: 2, timeoutMs: 3000, allowPrivate: true },
    clientJson: null,
    requestedAt: Date.now(),
  };
}

const labFlags = () => ['--dns-server', `${lab.dnsServer.address}:${lab.dnsServer.port}`, '--ca', lab.caFile];

describe('wxprobe agent', () => {
  it('takes a job, probes the lab from here and posts the raw observation; SIGTERM stops it cleanly', async () => {
    const job = jobFor(lab.byCase('ok').url);
    await app.agents.jobs.enqueue(job);
    const running = agent([...labFlags(), '--allow-cidr', '127.0.0.0/8', '--concurrency', '2']);
    const arrived = await waitUntil(
      () => delivered.find((d) => d.job.reportId === job.reportId),
      'the agent result at deliver',
    );
    expect('probe' in arrived.result).toBe(true);
    const probe = (arrived.result as Extract<AgentResult, { probe: unknown }>).probe;
    expect(probe.schema).toBe('wxprobe.probe/1');
    expect(probe.url).toBe(job.url);
    expect(probe.steps.policy).toBe('done');
    expect(probe.steps.tls).toBe('done');
    expect(probe.options.attempts).toBe(2);
    await waitUntil(() => running.stdout().includes(job.reportId), 'the job line');
    expect(running.stdout()).toMatch(/探测代理已连接 .*探测点 cn-east/);
    expect(running.stdout()).toMatch(new RegExp(`✓ ${job.reportId} \\S+：探测完成，用时 [0-9.]+ 秒，已提交`));

    const vantages = (await app.inject({ method: 'GET', url: '/api/v1/vantages' })).json().vantages;
    expect(vantages.find((v: { name: string }) => v.name === 'cn-east')).toMatchObject({ online: true });

    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toContain('已停止：进行中的任务都已做完，共提交 1 个结果');
    expect(running.stdout() + running.stderr()).not.toContain(TOKEN);
  });

  it("probes under the agent's own address policy, not the job's", async () => {
    const job = jobFor(lab.byCase('ok').url);
    await app.agents.jobs.enqueue(job);
    // no --allow-cidr: loopback is refused here, whatever the job asked
    const running = agent([...labFlags(), '--lang', 'en']);
    const arrived = await waitUntil(
      () => delivered.find((d) => d.job.reportId === job.reportId),
      'the refused probe at deliver',
    );
    const probe = (arrived.result as Extract<AgentResult, { probe: unknown }>).probe;
    expect(probe.steps.policy).toBe('refused');
    expect(probe.steps.tls).not.toBe('done');
    running.child.kill('SIGINT');
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toContain('stopped: every running job finished, 1 results posted');
  });

  it('abandons a running job on a second signal, says so, and the job goes back to the queue', async () => {
    const job = {
      ...jobFor(lab.byCase('hang-after-hello').url),
      options: { attempts: 1, timeoutMs: 30_000 },
    };
    await app.agents.jobs.enqueue(job);
    const running = agent([...labFlags(), '--allow-cidr', '127.0.0.0/8']);
    await waitUntil(async () => {
      const [vantage] = (await app.agents.registry.list()).filter((h) => h.inFlight > 0);
      return vantage;
    }, 'the agent to report the job in flight');
    running.child.kill('SIGINT');
    await waitUntil(() => running.stderr().includes('不再领取新任务'), 'the first signal to be heard');
    expect(running.stderr()).toContain('等进行中的 1 个任务做完');
    running.child.kill('SIGINT');
    expect(await running.exit).toBe(130);
    expect(running.stdout()).toContain(`- ${job.reportId} ${job.url}：已放弃（代理停止）`);
    expect(running.stdout()).toContain('已停止：放弃了 1 个进行中的任务');
    expect(delivered.find((d) => d.job.reportId === job.reportId)).toBeUndefined();
    // told, the server hands the job to the next agent at once instead of waiting for its expiry
    const again = await app.agents.jobs.claim('cn-east', 5000, new AbortController().signal);
    expect(again?.reportId).toBe(job.reportId);
  });

  it('exits 2 on a token the server refuses, and the waiting job is not handed out', async () => {
    const job = jobFor(lab.byCase('ok').url);
    await app.agents.jobs.enqueue(job);
    const refused = agent(labFlags(), 'wrong-token-0123456789abcdef');
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toMatch(/wxprobe agent: 服务器拒绝了令牌（401/);
    expect(refused.stderr()).not.toContain('wrong-token-0123456789abcdef');
    const claimed = await app.agents.jobs.claim('cn-east', 0, new AbortController().signal);
    expect(claimed?.reportId).toBe(job.reportId);
  });

  it('says when the server is unreachable and keeps trying until stopped', async () => {
    const closed = await buildApp(labConfig(lab));
    const address = await closed.listen({ host: '127.0.0.1', port: 0 });
    await closed.close(); // nothing listens there now
    const child = spawn(process.execPath, [bin, 'agent', '--server', address], {
      cwd: root,
      env: { ...process.env, WXPROBE_AGENT_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitUntil(() => err.includes('连不上服务器'), 'the unreachable line');
    expect(err).toMatch(/连不上服务器（ECONNREFUSED）/);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('is listed in wxprobe help and documents its flags and exits in --help', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
    expect(run(['help']).stdout).toMatch(/agent\s+作为探测代理/);
    const help = run(['agent', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: wxprobe agent --server/);
    for (const flag of [
      '--token',
      '--concurrency',
      '--dns-server',
      '--resolve',
      '--ca',
      '--allow-private',
      '--allow-cidr',
    ])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('WXPROBE_AGENT_TOKEN');
  });

  it('refuses a missing token and a bad server URL as usage errors', async () => {
    const noToken = spawn(process.execPath, [bin, 'agent', '--server', server], {
      cwd: root,
      env: { ...process.env, WXPROBE_AGENT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    noToken.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    expect(await new Promise((resolve) => noToken.on('exit', resolve))).toBe(2);
    expect(err).toBe('wxprobe agent: 缺少令牌：用 --token 或环境变量 WXPROBE_AGENT_TOKEN 给出\n');
    const badUrl = agent(['--server', 'ftp://x']);
    expect(await badUrl.exit).toBe(2);
  });
});
