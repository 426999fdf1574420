/**
 * The server app over an in-memory SQLite store, for tests that put reports into the store as an
 * earlier server would have left them and read them back through the API and the pages. No lab, no
 * probing: the stored documents are the whole input.
 */
import type { FastifyInstance } from 'fastify';
import type { ClientObservation } from '../../../shared/observations/client';
import type { Diagnosis } from '../../../shared/observations/report';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { newReportId } from '../store/report-id';
import type { StoredReport } from '../store/report-store';
import { openSqliteReportStore, type SqliteReportStore } from '../store/report-store-sqlite';

/** When every report stored here was "created": a fixed day, long enough ago to be an old report. */
const STORED_AT = Date.UTC(2024, 0, 1);

export type StoredReportsApp = {
  app: FastifyInstance;
  store: SqliteReportStore;
  /** Stores a client-only report with this diagnosis, as made under `rulesVersion`. */
  storeClientReport(
    client: ClientObservation,
    stored: { diagnosis: Diagnosis; rulesVersion: string },
  ): Promise<StoredReport>;
  close(): Promise<void>;
};

export async function startStoredReportsApp(): Promise<StoredReportsApp> {
  const store = openSqliteReportStore(':memory:');
  const app = await buildApp(defineConfig({ logLevel: 'silent' }), { store });
  await app.ready();
  return {
    app,
    store,
    async storeClientReport(client, { diagnosis, rulesVersion }) {
      const report: StoredReport = {
        id: newReportId(),
        createdAt: STORED_AT,
        url: client.url,
        client,
        probe: null,
        diagnosis,
        rulesVersion,
      };
      await store.insert(report);
      return report;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
