/**
 * A small closed-loop HTTP load generator: `connections`
 * keep-alive connections (undici Pool, no pipelining), each sending its next request as soon as the
 * last answer is read, for `durationMs` after a warm-up. Counts answers per status; measures
 * requests per second (answered with a 2xx; other statuses are counted apart and do not count).
 * Each connection presents itself as its own client (`X-Forwarded-For: 10.0.x.y`, for a server that
 * trusts the proxy header): per-client rate limits then see 200 clients, not one address sending
 * tens of thousands of requests a minute. The generator runs in the bench process, the server in its
 * own.
 *
 * Not autocannon (9.0.0, tried on 2026-12-07 through `setupClient` for the per-connection address): it
 * parses answers with a JavaScript HTTP parser, and on two cores shared with the server that cost is
 * what it measures for a large answer — the report page read at 0.14× the hello-world with it, against
 * 0.35× with this loop the same day, while its lighter requests made the hello-world itself faster.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export type LoadRequest = {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type LoadResult = { rps: number; requests: number; statuses: Record<string, number>; errors: number };

async function run(
  pool: Pool,
  request: LoadRequest,
  connections: number,
  durationMs: number,
): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + durationMs;
  const lane = async (index: number) => {
    const headers = { ...request.headers, 'x-forwarded-for': `10.0.${index >> 8}.${index & 255}` };
    while (performance.now() < end) {
      try {
        const response = await pool.request({
          method: request.method ?? 'GET',
          path: request.path,
          headers,
          body: request.body,
        });
        for await (const _chunk of response.body); // read it all, as a client would
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        if (response.statusCode >= 200 && response.statusCode < 300) requests++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, index) => lane(index)));
  const seconds = (performance.now() - start) / 1000;
  return { rps: requests / seconds, requests, statuses, errors };
}

export async function measureLoad(
  origin: string,
  request: LoadRequest,
  options: { connections: number; durationMs: number; warmupMs: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1 });
  try {
    await run(pool, request, options.connections, options.warmupMs);
    return await run(pool, request, options.connections, options.durationMs);
  } finally {
    await pool.close();
  }
}
