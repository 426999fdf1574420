/**
 * Agents prove who they are with `Authorization: Bearer <token>`; the token alone decides the vantage
 * (WXPROBE_AGENT_TOKENS), so an agent cannot work another vantage's jobs by naming it.
 *
 * The check does not leak, through its timing, how much of a token was right: the presented token and
 * every configured one are hashed to sha256 digests (equal length whatever was sent) and compared with
 * `crypto.timingSafeEqual`, against all of them, without stopping at a match. Tokens are never logged
 * (app.ts redacts the header) and never echoed in an error.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AgentToken } from '../config';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the agent routes' auth hook: the vantage the request's token belongs to. */
    agentVantage?: string;
  }
}

type Digest = Buffer;

function digest(text: string): Digest {
  return createHash('sha256').update(text, 'utf8').digest();
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export type AgentTokenOptions = {
  /** The comparison, for tests that count it; crypto.timingSafeEqual. */
  equal?: (a: Digest, b: Digest) => boolean;
};

export class AgentTokens {
  private readonly entries: { vantage: string; digest: Digest }[];
  private readonly equal: (a: Digest, b: Digest) => boolean;
  /** The configured agent vantages, sorted, each once. */
  readonly vantages: readonly string[];

  constructor(tokens: readonly AgentToken[], options: AgentTokenOptions = {}) {
    this.entries = tokens.map((t) => ({ vantage: t.vantage, digest: digest(t.token) }));
    this.equal = options.equal ?? timingSafeEqual;
    this.vantages = [...new Set(tokens.map((t) => t.vantage))].sort();
  }

  /** The vantage whose token the `Authorization` header carries, or null (missing, malformed, unknown). */
  vantageOf(authorization: string | undefined): string | null {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    // A missing token is compared too (as the empty string), so no answer is quicker than another.
    const presented = digest(match?.[1] ?? '');
    let found: string | null = null;
    for (const entry of this.entries) {
      if (this.equal(presented, entry.digest)) found = entry.vantage;
    }
    return match ? found : null;
  }

  /** The auth hook of the agent routes: sets `request.agentVantage`, or answers 401. */
  readonly authenticate = async (request: FastifyRequest): Promise<void> => {
    const vantage = this.vantageOf(request.headers.authorization);
    if (vantage === null) throw new ApiError('agent-unauthorized');
    request.agentVantage = vantage;
  };
}

/**
 * Refuses (400 `unknown-vantage`, listing the known ones) a request naming a vantage this server
 * does not know, e.g. POST /reports with `vantages: [...]`. `known`: `local` when this server
 * probes, plus the configured agents' vantages.
 */
export function assertKnownVantages(
  names: readonly string[],
  known: readonly string[],
  path = '/body/vantages',
): void {
  const index = names.findIndex((name) => !known.includes(name));
  if (index < 0) return;
  const name = JSON.stringify(names[index]!.slice(0, 60));
  const list = known.length === 0 ? null : known.join(', ');
  throw new ApiError('unknown-vantage', {
    path: `${path}/${index}`,
    detail: {
      zh: `${name}；已知的探测点：${list ?? '（无）'}`,
      en: `${name}; known vantages: ${list ?? '(none)'}`,
    },
  });
}
