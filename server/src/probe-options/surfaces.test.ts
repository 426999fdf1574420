/**
 * The CLI's flags, the server's environment and the API body read probe options with the same
 * parsers: one bad value is refused by all three, with the same problem code and the same words.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { parseProbeFlags } from '../cli/probe-flags';
import { ConfigError, defineConfig, loadConfig } from '../config';
import type { OptionProblem } from './parsers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:' }));
  await app.ready();
});
afterAll(() => app?.close());

function cliProblem(flag: string, text: string): OptionProblem | null {
  const parsed = parseProbeFlags(['https://a.example/', `--${flag}=${text}`]);
  return parsed.ok ? null : parsed.error.problem;
}

function envProblem(name: string, text: string): { code: string | null; message: string } | null {
  try {
    loadConfig({ [name]: text });
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const issue = error.issues[0];
    return issue ? { code: issue.code, message: issue.message } : null;
  }
}

async function apiError(options: Record<string, unknown>, lang: 'zh' | 'en') {
  for (const url of ['/api/v1/reports', '/api/v1/probes']) {
    const response = await app.inject({
      method: 'POST',
      url: `${url}?lang=${lang}`,
      payload: { url: 'https://a.example/', options },
    });
    expect(response.statusCode, url).toBe(400);
    const { error } = response.json<{ error: { code: string; path: string; message: string } }>();
    if (url === '/api/v1/probes') return error;
  }
  throw new Error('unreachable');
}

describe('one bad value, refused alike by the CLI, the environment and the API', () => {
  it.each([
    ['attempts', 'WXPROBE_ATTEMPTS', 'attempts', '2.5', 2.5, 'not-integer'],
    ['attempts', 'WXPROBE_ATTEMPTS', 'attempts', 'ten', 'ten', 'not-integer'],
    ['attempts', 'WXPROBE_ATTEMPTS', 'attempts', '0', 0, 'out-of-range'],
    ['control-sni', 'WXPROBE_CONTROL_SNI', 'controlSni', '1.2.3.4', '1.2.3.4', 'not-host-name'],
    ['control-sni', 'WXPROBE_CONTROL_SNI', 'controlSni', 'a..b', 'a..b', 'not-host-name'],
  ] as const)('--%s / %s / options.%s = %s', async (flag, variable, key, text, json, expected) => {
    const cli = cliProblem(flag, text);
    expect(cli?.code).toBe(expected);
    expect(envProblem(variable, text)?.code).toBe(expected);
    const en = await apiError({ [key]: json }, 'en');
    expect(en).toMatchObject({ code: 'invalid-request', path: `/body/options/${key}` });
    // the same predicate, each surface putting its own subject first (ranges are each surface's own)
    const predicate = (cli?.en ?? '').replace(/( \d+ and \d+)?, not .*$/, '');
    expect(en.message).toContain(`/body/options/${key} ${predicate}`);
    expect(envProblem(variable, text)?.message).toContain(`${variable} ${predicate}`);
    const zh = await apiError({ [key]: json }, 'zh');
    expect(zh.message).toContain(
      `/body/options/${key} ${(cli?.zh ?? '').replace(/( \d+ 到 \d+ 之间)?，不能是 .*$/, '')}`,
    );
  });

  it.each([
    ['dns-server', 'WXPROBE_DNS_SERVER', 'dns.example:53', 'not-dns-server'],
    ['dns-server', 'WXPROBE_DNS_SERVER', '1.1.1.1:0', 'not-dns-server'],
    ['allow-cidr', 'WXPROBE_ALLOW_CIDRS', '10.0.0.0/33', 'not-cidr'],
    ['allow-cidr', 'WXPROBE_ALLOW_CIDRS', 'localhost', 'not-cidr'],
  ] as const)(
    '--%s / %s = %s (operator-only: the API body refuses the field itself)',
    async (flag, variable, text, expected) => {
      const cli = cliProblem(flag, text);
      expect(cli?.code).toBe(expected);
      const env = envProblem(variable, text);
      expect(env?.code).toBe(expected);
      expect(env?.message).toBe(`${variable} ${cli?.en}`);
    },
  );

  it('the API refuses an operator-only option as not allowed', async () => {
    const error = await apiError({ dnsServer: '1.1.1.1' }, 'en');
    expect(error).toMatchObject({ code: 'invalid-request', path: '/body/options/dnsServer' });
  });
});
