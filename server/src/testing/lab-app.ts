/**
 * A server app wired to a running lab, as an operator would configure it for the lab: the lab's DNS
 * server, its CA trusted, 127.0.0.0/8 allowed through the address policy. Real probe, real diagnosis,
 * an in-memory store unless the test passes one.
 */
import type { FastifyInstance } from 'fastify';
import { startLab, type Lab, type LabOptions } from '../../lab/lab';
import { buildApp, type AppDeps } from '../app';
import { defineConfig, type ServerConfig } from '../config';

export function labConfig(lab: Lab, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return defineConfig({
    logLevel: 'silent',
    dbPath: ':memory:',
    allowCidrs: ['127.0.0.0/8'],
    dnsServer: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    caPem: [lab.caPem],
    caFiles: [lab.caFile],
    defaultAttempts: 4,
    probeTimeoutMs: 3000,
    probeTotalTimeoutMs: 20_000,
    // Tests post many reports from one address; the limits have their own tests.
    rateLimitPerMinute: 10_000,
    probeRateLimitPerMinute: 10_000,
    ...overrides,
  });
}

export async function startLabApp(
  options: { lab?: LabOptions; config?: Partial<ServerConfig>; deps?: AppDeps } = {},
): Promise<{ lab: Lab; app: FastifyInstance; config: ServerConfig; close(): Promise<void> }> {
  const lab = await startLab(options.lab);
  const config = labConfig(lab, options.config);
  const app = await buildApp(config, options.deps);
  await app.ready();
  return {
    lab,
    app,
    config,
    close: async () => {
      await app.close();
      await lab.close();
    },
  };
}
