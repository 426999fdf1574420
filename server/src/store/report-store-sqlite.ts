/**
 * ReportStore on better-sqlite3. Durability: WAL with `synchronous=FULL` fsyncs the log on every
 * commit, so once `insert` resolves the row survives `kill -9` and power loss (NORMAL would only
 * survive a process crash). The calls are synchronous underneath; a report is a few hundred KB at
 * most, so they stay short.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { migrate } from './migrations';
import { REPORT_COLUMNS, reportToRow, rowToReport, rowToReportText, type NewReportRow } from './report-row';
import {
  DuplicateReportIdError,
  type ReportStore,
  type StoredReport,
  type StoredReportText,
} from './report-store';

type Row = NewReportRow;

export const IN_MEMORY = ':memory:';

type PendingInsert = { row: Row; resolve: () => void; reject: (error: Error) => void };

export function openSqliteReportStore(path: string): SqliteReportStore {
  if (path !== IN_MEMORY) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return new SqliteReportStore(db);
}

export class SqliteReportStore implements ReportStore {
  private readonly insertStmt: Statement<[Row]>;
  private readonly getStmt: Statement<[string], Row>;
  private readonly updateStmt: Statement<[string, string, string]>;
  private readonly deleteStmt: Statement<[number]>;
  private pending: PendingInsert[] = [];

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO reports (${REPORT_COLUMNS.join(', ')})
       VALUES (${REPORT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.getStmt = db.prepare('SELECT * FROM reports WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE reports SET diagnosis_json = ?, rules_version = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM reports WHERE created_at < ?');
  }

  /**
   * Group commit: inserts asked for in the same turn of the event loop are written in one
   * transaction, so one fsync makes them all durable (each is still only acknowledged after it).
   * better-sqlite3 blocks the process during the fsync; batching is what keeps ingestion under load
   * from paying it once per report.
   */
  insert(report: StoredReport, row: NewReportRow = reportToRow(report)): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const refused = new Map<PendingInsert, Error>();
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            this.insertStmt.run(item.row);
          } catch (error) {
            // A constraint error undoes only its own statement; the others still commit.
            if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
            refused.set(item, new DuplicateReportIdError(item.row.id));
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error as Error);
      return;
    }
    for (const item of batch) {
      const error = refused.get(item);
      if (error) item.reject(error);
      else item.resolve();
    }
  }

  async get(id: string): Promise<StoredReport | null> {
    const row = this.getStmt.get(id);
    return row ? rowToReport(row) : null;
  }

  async getText(id: string): Promise<StoredReportText | null> {
    const row = this.getStmt.get(id);
    return row ? rowToReportText(row) : null;
  }

  async updateDiagnosis(id: string, diagnosis: StoredReport['diagnosis'], rulesVersion: string) {
    this.updateStmt.run(JSON.stringify(diagnosis), rulesVersion, id);
  }

  async deleteCreatedBefore(cutoffMs: number): Promise<number> {
    return this.deleteStmt.run(cutoffMs).changes;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush(); // inserts already asked for are written, not dropped
    this.db.close();
  }
}
