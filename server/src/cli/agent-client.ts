/**
 * The agent's side of the agent routes (routes/agents.ts), over plain HTTP(S) that the agent opens:
 * nothing listens on the agent's machine. Each answer becomes a value; what the caller must react to
 * differently is an `AgentHttpError` kind: `unauthorized` (the token is wrong: stop), `unreachable`
 * (no answer, or a 5xx: try again later), `refused` (the server said no to this request: go on).
 */
import type { AgentJob, AgentResult } from '../agents/job-source';

export type AgentHttpErrorKind = 'unauthorized' | 'unreachable' | 'refused';

export class AgentHttpError extends Error {
  override name = 'AgentHttpError';
  constructor(
    readonly kind: AgentHttpErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export type AgentClientOptions = {
  /** Base URL of the server, e.g. https://wxprobe.example.com */
  server: string;
  token: string;
  agentId: string;
  /** The agent's own version, sent with heartbeats and as User-Agent. */
  version: string;
};

export class AgentClient {
  private readonly base: string;

  constructor(private readonly options: AgentClientOptions) {
    this.base = options.server.replace(/\/+$/, '');
  }

  /** The next job of the token's vantage, or null when none came within `waitSeconds`. */
  async nextJob(waitSeconds: number, signal: AbortSignal): Promise<AgentJob | null> {
    const response = await this.call('GET', `/api/v1/agent/jobs/next?waitSeconds=${waitSeconds}`, undefined, {
      signal,
      // the server answers by then; a silent connection beyond it is a dead one
      timeoutMs: (waitSeconds + 30) * 1000,
    });
    if (response.status === 204) return null;
    return (await response.json()) as AgentJob;
  }

  /** 'accepted', or 'gone' when the claim is no longer live (409: expired, or answered already). */
  async postResult(jobId: string, result: AgentResult, timeoutMs = 60_000): Promise<'accepted' | 'gone'> {
    try {
      await this.call('POST', `/api/v1/agent/jobs/${encodeURIComponent(jobId)}/result`, result, {
        timeoutMs,
      });
      return 'accepted';
    } catch (error) {
      if (error instanceof AgentHttpError && error.status === 409) return 'gone';
      throw error;
    }
  }

  /** Says the agent is alive; answers the vantage its token belongs to. */
  async heartbeat(inFlight: number): Promise<{ vantage: string }> {
    const response = await this.call(
      'POST',
      '/api/v1/agent/heartbeat',
      { version: this.options.version, inFlight },
      { timeoutMs: 15_000 },
    );
    return (await response.json()) as { vantage: string };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<Response> {
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'wxprobe-agent-id': this.options.agentId,
          'user-agent': `wxprobe-agent/${this.options.version}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new AgentHttpError('unreachable', cause?.code ?? cause?.message ?? (error as Error).message);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let message = `HTTP ${response.status}`;
    try {
      message = (JSON.parse(text) as { error: { code: string; message: string } }).error.message;
    } catch {
      // not a catalogue error (a proxy's page): the status says enough
    }
    if (response.status === 401) throw new AgentHttpError('unauthorized', message, 401);
    if (response.status >= 500 || response.status === 429)
      throw new AgentHttpError('unreachable', message, response.status);
    throw new AgentHttpError('refused', message, response.status);
  }
}
