/**
 * `npm start` as a user meets it: the bundled entry with environment variables, from a fresh folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, runServerProcess, startServerProcess } from './testing/server-process';

let bundle: string;
const dir = mkdtempSync(join(tmpdir(), 'wxprobe-main-'));

beforeAll(async () => {
  bundle = await bundleServer();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

describe('server entry (main.ts)', () => {
  it('starts with defaults, creates the database folder, serves, and closes cleanly on SIGTERM', async () => {
    const dbPath = join(dir, 'fresh', 'data', 'wxprobe.db');
    const server = await startServerProcess(bundle, { PORT: '0', WXPROBE_DB: dbPath });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // loopback by default
    expect(existsSync(dbPath)).toBe(true);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const home = await fetch(`${server.baseUrl}/`);
    expect(await home.text()).toContain('probe-form');
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start on a bad configuration, saying which variable is wrong', async () => {
    const result = await runServerProcess(bundle, {
      WXPROBE_MAX_PROBES: 'lots',
      WXPROBE_ALLOW_CIDRS: '10.0.0.0/99',
      WXPROBE_DB: join(dir, 'x.db'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('WXPROBE_MAX_PROBES must be a whole number, not "lots"');
    expect(result.stderr).toMatch(/WXPROBE_ALLOW_CIDRS must be a CIDR .*, not "10\.0\.0\.0\/99"/);
    expect(result.stderr).not.toMatch(/\bat .*\.m?js:\d+/); // no stack trace
    expect(existsSync(join(dir, 'x.db'))).toBe(false); // nothing started
  });
});
