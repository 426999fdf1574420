/**
 * ReportStore on PostgreSQL (a `pg.Pool`). The documents are kept as `text`, not `jsonb`: jsonb
 * would reorder keys and drop duplicate ones, and `getText` must hand back exactly what was stored.
 * Durability: every session runs with `synchronous_commit=on`, so `insert` resolves only after the
 * commit record is flushed (as long as the server itself runs with `fsync=on`, its default).
 */
import pg from 'pg';
import { migratePg } from './pg-migrations';
import type { VantageOutcome } from '../report/vantage-report';
import {
  REPORT_COLUMNS,
  reportToRow,
  rowToReport,
  rowToReportText,
  type NewReportRow,
  type ReportRow,
} from './report-row';
import {
  DuplicateReportIdError,
  type ReportStore,
  type StoredReport,
  type StoredReportText,
} from './report-store';

const COLUMN_TYPES: Record<(typeof REPORT_COLUMNS)[number], string> = {
  id: 'text',
  created_at: 'bigint',
  url: 'text',
  client_json: 'text',
  probe_json: 'text',
  vantages_json: 'text',
  diagnosis_json: 'text',
  rules_version: 'text',
};

/**
 * Any number of reports in one statement, one array per column; the ids it did not insert were
 * taken. Named: each pooled session parses and plans it once, whatever the batch's size.
 */
const INSERT_REPORTS = {
  name: 'wxprobe-insert-reports',
  text: `INSERT INTO reports (${REPORT_COLUMNS.join(', ')})
         SELECT * FROM unnest(${REPORT_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(', ')})
         ON CONFLICT (id) DO NOTHING RETURNING id`,
};

type PendingInsert = { row: NewReportRow; resolve: () => void; reject: (error: Error) => void };

export type PgStoreOptions = {
  connectionString: string;
  /** Pool size; the store's queries are short, a few connections serve many requests. */
  maxConnections?: number;
  /** Told about errors of idle pooled connections (e.g. the server restarted); the pool recovers. */
  onIdleError?: (error: Error) => void;
};

/** A pool whose sessions always commit synchronously, whatever the database's default. */
export function createPgPool(options: PgStoreOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 5,
    options: '-c synchronous_commit=on',
    application_name: 'wxprobe',
  });
  // Without a listener an idle client's error would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** Connects, applies migrations (safe when several servers start at once) and returns the store. */
export async function openPgReportStore(options: PgStoreOptions): Promise<PgReportStore> {
  const pool = createPgPool(options);
  try {
    await migratePg(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return new PgReportStore(pool);
}

export class PgReportStore implements ReportStore {
  private closed = false;
  private pending: PendingInsert[] = [];
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Group commit, as on SQLite: the inserts asked for in the same turn of the event loop go in one
   * statement, one transaction, so one flush of the write-ahead log makes them all durable (each is
   * acknowledged only after it). One at a time, a pool of ten sessions waiting for their commits
   * caps ingestion at ten reports per commit latency.
   */
  insert(report: StoredReport, row: NewReportRow = reportToRow(report)): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return Promise.resolve();
    const done = this.write(batch).finally(() => this.flushing.delete(done));
    this.flushing.add(done);
    return done;
  }

  private async write(batch: PendingInsert[]): Promise<void> {
    let inserted: Set<string>;
    try {
      const values = REPORT_COLUMNS.map((column) => batch.map((item) => item.row[column]));
      const result = await this.pool.query<{ id: string }>({ ...INSERT_REPORTS, values });
      inserted = new Set(result.rows.map((r) => r.id));
    } catch (error) {
      for (const item of batch) item.reject(error as Error);
      return;
    }
    // An id taken before, or twice in this batch: the first asked for it has it, the others are refused.
    for (const item of batch) {
      if (inserted.delete(item.row.id)) item.resolve();
      else item.reject(new DuplicateReportIdError(item.row.id));
    }
  }

  async get(id: string): Promise<StoredReport | null> {
    const row = await this.row(id);
    return row ? rowToReport(row) : null;
  }

  async getText(id: string): Promise<StoredReportText | null> {
    const row = await this.row(id);
    return row ? rowToReportText(row) : null;
  }

  async updateDiagnosis(
    id: string,
    diagnosis: StoredReport['diagnosis'],
    rulesVersion: string,
  ): Promise<void> {
    await this.pool.query('UPDATE reports SET diagnosis_json = $1, rules_version = $2 WHERE id = $3', [
      JSON.stringify(diagnosis),
      rulesVersion,
      id,
    ]);
  }

  async deleteCreatedBefore(cutoffMs: number): Promise<number> {
    const result = await this.pool.query('DELETE FROM reports WHERE created_at < $1', [cutoffMs]);
    return result.rowCount ?? 0;
  }

  /**
   * One vantage's answer for a report asked from several, kept until the report is put together
   * (vantage-assembly-pg.ts). The first answer counts; false when the vantage had already answered.
   */
  async recordVantageAnswer(reportId: string, vantage: string, outcome: VantageOutcome): Promise<boolean> {
    const failed = 'error' in outcome;
    const result = await this.pool.query(
      `INSERT INTO vantage_results (report_id, vantage, state, probe_json, error) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id, vantage) DO NOTHING`,
      [
        reportId,
        vantage,
        failed ? 'failed' : 'answered',
        failed ? null : JSON.stringify(outcome.probe),
        failed ? outcome.error.slice(0, 2000) : null,
      ],
    );
    return (result.rowCount ?? 0) === 1;
  }

  /** The answers recorded so far for a report, by vantage. */
  async vantageAnswers(reportId: string): Promise<Map<string, VantageOutcome>> {
    const result = await this.pool.query<{
      vantage: string;
      probe_json: string | null;
      error: string | null;
    }>('SELECT vantage, probe_json, error FROM vantage_results WHERE report_id = $1', [reportId]);
    return new Map(
      result.rows.map((row) => [
        row.vantage,
        row.probe_json === null ? { error: row.error ?? 'failed' } : { probe: JSON.parse(row.probe_json) },
      ]),
    );
  }

  /** Retention of the answers: once a report is put together they are in it. */
  async deleteVantageAnswersBefore(cutoffMs: number): Promise<number> {
    const result = await this.pool.query(
      'DELETE FROM vantage_results WHERE created_at < to_timestamp($1 / 1000.0)',
      [cutoffMs],
    );
    return result.rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Inserts already asked for are written, not dropped.
    await this.flush();
    await Promise.all([...this.flushing]);
    await this.pool.end();
  }

  private async row(id: string): Promise<ReportRow | null> {
    const result = await this.pool.query<ReportRow>('SELECT * FROM reports WHERE id = $1', [id]);
    return result.rows[0] ?? null;
  }
}
