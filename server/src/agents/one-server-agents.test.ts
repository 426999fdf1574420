/**
 * Agents of a single server (SQLite, no database): the agents' jobs wait in this process and their
 * answers reach the report being put together here. The server probes the lab's ICP case through
 * its SNI filter; a real `wxprobe agent` reaches the same name around it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab';
import { buildApp } from '../app';
import { waitUntil } from '../queue/test-support/wait';
import { labConfig } from '../testing/lab-app';
import { startPathAroundFilter } from '../testing/path-around-filter';

const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
const TOKEN = 'west-agent-token-0123456789';

type Report = {
  id: string;
  vantages?: { vantage: string; state: string }[];
  diagnosis: { verdicts: { cause: string }[] };
};

describe('agents of one server without a database', () => {
  let lab: Lab;
  let around: Awaited<ReturnType<typeof startPathAroundFilter>>;
  let app: FastifyInstance;
  let origin: string;
  let agent: ChildProcess;

  beforeAll(async () => {
    lab = await startLab({ cases: ['ok', 'icp-block'] });
    around = await startPathAroundFilter(lab.byCase('icp-block'));
    app = await buildApp(labConfig(lab, { agentTokens: [{ vantage: 'cn-west', token: TOKEN }] }));
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    agent = spawn(
      process.execPath,
      [
        bin,
        'agent',
        '--server',
        origin,
        '--resolve',
        around.resolve,
        '--ca',
        lab.caFile,
        '--allow-cidr',
        '127.0.0.0/8',
      ],
      { env: { PATH: process.env.PATH ?? '', WXPROBE_AGENT_TOKEN: TOKEN }, stdio: 'ignore' },
    );
    await waitUntil(async () => {
      const listed = (await (await fetch(`${origin}/api/v1/vantages`)).json()) as {
        vantages: { name: string; online: boolean }[];
      };
      return listed.vantages.some((v) => v.name === 'cn-west' && v.online);
    }, 'the agent online');
  }, 60_000);
  afterAll(async () => {
    agent?.kill('SIGKILL');
    await app?.close();
    await around?.close();
    await lab?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers one report of both vantages, naming the path-dependent failure', async () => {
    const response = await post('/api/v1/reports', {
      url: lab.byCase('icp-block').url,
      vantages: ['local', 'cn-west'],
    });
    expect(response.status).toBe(201);
    const report = (await response.json()) as Report;
    expect(report.vantages?.map((v) => [v.vantage, v.state])).toEqual([
      ['local', 'answered'],
      ['cn-west', 'answered'],
    ]);
    const causes = report.diagnosis.verdicts.map((v) => v.cause);
    expect(causes[0]).toBe('icp-filing-block');
    expect(causes).toContain('vantage-dependent');
    // The stored report reads back the same.
    const stored = (await (await fetch(`${origin}/api/v1/reports/${report.id}`)).json()) as Report;
    expect(stored).toEqual(report);
  });

  it('asks every online vantage for "all" and streams an event per vantage that answered', async () => {
    const started = await post('/api/v1/probes', { url: lab.byCase('icp-block').url, vantages: 'all' });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const stream = await (await fetch(`${origin}/api/v1/reports/${id}/events`)).text();
    expect(stream).toMatch(/event: vantage\ndata: \{"vantage":"cn-west","state":"answered"/);
    expect(stream).toMatch(/event: vantage\ndata: \{"vantage":"local","state":"answered"/);
    expect(stream).toContain('event: done');
    const report = (await (await fetch(`${origin}/api/v1/reports/${id}`)).json()) as Report;
    expect(report.vantages?.map((v) => v.vantage).sort()).toEqual(['cn-west', 'local']);
    expect(report.diagnosis.verdicts[0]?.cause).toBe('icp-filing-block');
  });
});
