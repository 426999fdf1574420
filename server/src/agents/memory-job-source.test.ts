import { describe, expect, it } from 'vitest';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import { waitUntil } from '../queue/test-support/wait';
import { EXPIRED_ERROR, parseClaimId, type AgentResult } from './job-source';
import { DEADLINE_ERROR, MemoryAgentJobSource } from './memory-job-source';
import { probeJobFor } from '../queue/test-support/probe-job';

const jobFor = probeJobFor;

function source(options: { expireMs?: number; retryLimit?: number } = {}) {
  const delivered: { job: ProbeJobData; result: AgentResult }[] = [];
  const jobs = new MemoryAgentJobSource({
    expireMs: options.expireMs ?? 60_000,
    ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }),
    deliver: async (job, result) => void delivered.push({ job, result }),
  });
  return { jobs, delivered };
}

const never = new AbortController().signal;
const probe = { probe: { schema: 'stand-in' } } as unknown as AgentResult;

describe('agent jobs in memory', () => {
  it('hands a job to a long-poll that was already waiting, only on its vantage', async () => {
    const { jobs } = source();
    const east = jobs.claim('cn-east', 10_000, never);
    const north = jobs.claim('cn-north', 200, never);
    const job = jobFor('cn-east');
    expect(jobs.enqueue(job)).toMatchObject({ created: true });
    const claimed = await east;
    expect(claimed).toMatchObject({
      reportId: job.reportId,
      vantage: 'cn-east',
      url: job.url,
      deadlineAt: null,
    });
    expect(claimed?.options).toEqual({ attempts: 3 });
    expect(await north).toBeNull();
    jobs.close();
  });

  it('enqueues a report once, and accepts exactly one answer per job', async () => {
    const { jobs, delivered } = source();
    const job = jobFor('cn-east');
    jobs.enqueue(job);
    expect(jobs.enqueue(job).created).toBe(false);
    const claimed = (await jobs.claim('cn-east', 0, never))!;
    expect(await jobs.claim('cn-east', 0, never)).toBeNull();
    expect(await jobs.submit('cn-north', claimed.jobId, probe)).toBe('unknown-job');
    const [first, second] = await Promise.all([
      jobs.submit('cn-east', claimed.jobId, probe),
      jobs.submit('cn-east', claimed.jobId, probe),
    ]);
    expect([first, second].sort()).toEqual(['accepted', 'unknown-job']);
    expect(delivered).toEqual([{ job, result: probe }]);
    expect(await jobs.submit('cn-east', 'no-such-job', probe)).toBe('unknown-job');
    jobs.close();
  });

  it('gives a job no agent answered to the next agent under a new id, then fails it via deliver', async () => {
    const { jobs, delivered } = source({ expireMs: 100, retryLimit: 1 });
    const job = jobFor('cn-east');
    jobs.enqueue(job);
    const first = (await jobs.claim('cn-east', 0, never))!;
    const second = (await jobs.claim('cn-east', 10_000, never))!;
    expect(second.reportId).toBe(job.reportId);
    expect(second.jobId).not.toBe(first.jobId);
    expect(parseClaimId(second.jobId)?.attempt).toBe(1);
    // the dead agent's late answer is not a second result
    expect(await jobs.submit('cn-east', first.jobId, probe)).toBe('unknown-job');
    await waitUntil(() => delivered.length > 0, 'the final failure');
    expect(delivered).toEqual([{ job, result: { error: EXPIRED_ERROR } }]);
    expect(await jobs.submit('cn-east', second.jobId, probe)).toBe('unknown-job');
    expect(jobs.backlog('cn-east')).toBe(0);
    jobs.close();
  });

  it('retries a job an agent answered with an error while tries remain, and delivers the last error', async () => {
    const { jobs, delivered } = source({ retryLimit: 1 });
    const job = jobFor('cn-east');
    jobs.enqueue(job);
    const first = (await jobs.claim('cn-east', 0, never))!;
    expect(await jobs.submit('cn-east', first.jobId, { error: 'DNS server unreachable' })).toBe('accepted');
    expect(delivered).toEqual([]);
    const second = (await jobs.claim('cn-east', 0, never))!;
    expect(await jobs.submit('cn-east', second.jobId, { error: 'still unreachable' })).toBe('accepted');
    expect(delivered).toEqual([{ job, result: { error: 'still unreachable' } }]);
    jobs.close();
  });

  it('keeps the claim when deliver fails, so the agent can post again', async () => {
    let fail = true;
    const delivered: AgentResult[] = [];
    const jobs = new MemoryAgentJobSource({
      expireMs: 60_000,
      deliver: async (_job, result) => {
        if (fail) throw new Error('store down');
        delivered.push(result);
      },
    });
    jobs.enqueue(jobFor('cn-east'));
    const claimed = (await jobs.claim('cn-east', 0, never))!;
    await expect(jobs.submit('cn-east', claimed.jobId, probe)).rejects.toThrow('store down');
    fail = false;
    expect(await jobs.submit('cn-east', claimed.jobId, probe)).toBe('accepted');
    expect(delivered).toEqual([probe]);
    jobs.close();
  });

  it('does not hand out a job past its deadline: its error is delivered instead', async () => {
    const { jobs, delivered } = source();
    const late = jobFor('cn-east', { deadlineAt: Date.now() - 1 });
    const fresh = jobFor('cn-east', { deadlineAt: Date.now() + 60_000 });
    jobs.enqueue(late);
    jobs.enqueue(fresh);
    const claimed = await jobs.claim('cn-east', 0, never);
    expect(claimed).toMatchObject({ reportId: fresh.reportId, deadlineAt: fresh.deadlineAt });
    expect(delivered).toEqual([{ job: late, result: { error: DEADLINE_ERROR } }]);
    jobs.close();
  });

  it('ends a waiting long-poll when its signal aborts or the source closes', async () => {
    const { jobs } = source();
    const controller = new AbortController();
    const aborted = jobs.claim('cn-east', 60_000, controller.signal);
    controller.abort();
    expect(await aborted).toBeNull();
    const closing = jobs.claim('cn-east', 60_000, never);
    jobs.close();
    expect(await closing).toBeNull();
  });
});
