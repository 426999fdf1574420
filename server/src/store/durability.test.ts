/**
 * A report acknowledged to the client survives `kill -9` of the server: the real server runs as a
 * child process, reports are posted, and the moment the last 201 arrives the process is killed
 * hard. Reopening the database finds every acknowledged report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { bundleServer, startServerProcess } from '../testing/server-process';
import { openSqliteReportStore } from './report-store-sqlite';

let bundle: string;
const dir = mkdtempSync(join(tmpdir(), 'wxprobe-durability-'));

beforeAll(async () => {
  bundle = await bundleServer();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

describe('storage durability', () => {
  it('keeps every acknowledged report after kill -9', async () => {
    const dbPath = join(dir, 'kill', 'wxprobe.db');
    const server = await startServerProcess(bundle, {
      PORT: '0',
      HOST: '127.0.0.1',
      WXPROBE_DB: dbPath,
      WXPROBE_LOG_LEVEL: 'warn',
      WXPROBE_PROBE_RATE_LIMIT: '1000',
      WXPROBE_RATE_LIMIT: '1000',
    });
    const url = 'https://unfiled.example.test/api';
    const client = clientObservation(url, resetAttempts(5));
    const acknowledged: string[] = [];
    for (let i = 0; i < 15; i++) {
      const response = await fetch(`${server.baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, client, options: { probe: false } }),
      });
      expect(response.status).toBe(201);
      acknowledged.push(((await response.json()) as { id: string }).id);
    }
    // The ack of the last report has arrived: kill the server without any chance to flush.
    const exited = new Promise((resolve) => server.child.on('exit', (_code, signal) => resolve(signal)));
    server.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = openSqliteReportStore(dbPath);
    for (const id of acknowledged) {
      const report = await store.get(id);
      expect(report?.client?.attempts).toHaveLength(5);
      expect(report?.url).toBe(url);
    }
    await store.close();
  });
});
