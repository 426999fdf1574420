/**
 * ReportStore on better-sqlite3. Durability: an insert resolves only once the write-ahead log holding
 * it is synced to disk, so the row survives `kill -9` and power loss. SQLite's `synchronous=FULL`
 * would do that fsync inside the commit, blocking the process for its 3–5 ms; instead the connection
 * commits with `synchronous=NORMAL` (consistent across a crash, the log synced before each checkpoint
 * and the database after it) and the store syncs the log itself on libuv's thread pool before it
 * acknowledges: FULL's guarantee, the wait off the event loop. Re-diagnoses and retention deletes are
 * not waited for (both are done again if lost). The calls are synchronous underneath; a report is a
 * few hundred KB at most, so they stay short.
 */
import { closeSync, fdatasync, fsyncSync, mkdirSync, openSync } from 'node:fs';
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
  return new SqliteReportStore(db, path === IN_MEMORY ? null : logForSync(db, path));
}

/**
 * The write-ahead log, held open so the store can sync it after each commit, and only then the
 * connection switched to NORMAL; null (FULL stays) when there is no log file to hold. The log and
 * its directory entry are synced once first, as SQLite does on a log's first sync.
 */
function logForSync(db: Db, path: string): number | null {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const log = `${resolve(path)}-wal`;
  let fd: number;
  try {
    fd = openSync(log, 'r');
  } catch {
    return null;
  }
  fsyncSync(fd);
  const dir = openSync(dirname(log), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  db.pragma('synchronous = NORMAL');
  return fd;
}

/** Acknowledges (or refuses) one committed batch once its log sync has ended. */
type Settle = (syncError: Error | null) => void;

export class SqliteReportStore implements ReportStore {
  private readonly insertStmt: Statement<[Row]>;
  private readonly getStmt: Statement<[string], Row>;
  private readonly updateStmt: Statement<[string, string, string]>;
  private readonly deleteStmt: Statement<[number]>;
  /** `/healthz` asks on every call (load balancers poll it): prepared once, not per ping. */
  private readonly pingStmt: Statement<[]>;
  private pending: PendingInsert[] = [];
  /** Inserts committed, waiting for a log sync that starts after their commit. */
  private unsynced: Settle[] = [];
  /** The log sync under way (one at a time); it acknowledges what was committed before it began. */
  private syncing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    /** the write-ahead log to sync after each commit (logForSync); null: the commit syncs itself */
    private readonly logFd: number | null = null,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO reports (${REPORT_COLUMNS.join(', ')})
       VALUES (${REPORT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.getStmt = db.prepare('SELECT * FROM reports WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE reports SET diagnosis_json = ?, rules_version = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM reports WHERE created_at < ?');
    this.pingStmt = db.prepare('SELECT 1');
  }

  /**
   * Group commit: inserts asked for in the same turn of the event loop are written in one
   * transaction, so one fsync makes them all durable (each is still only acknowledged after it). The
   * fsync runs on the thread pool (logForSync, syncLog): the event loop goes on diagnosing the next
   * uploads meanwhile.
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
    const settle: Settle = (syncError) => {
      for (const item of batch) {
        const error = refused.get(item) ?? syncError;
        if (error) item.reject(error);
        else item.resolve();
      }
    };
    if (this.logFd === null) return settle(null);
    this.unsynced.push(settle);
    if (this.syncing === null) this.syncLog(this.logFd);
  }

  /**
   * One fdatasync of the log for every commit made before it starts; commits made meanwhile wait for
   * the next one. Under load a sync thus covers all the batches of the previous sync's few
   * milliseconds, rather than each batch queueing a sync of its own.
   */
  private syncLog(fd: number): void {
    const covered = this.unsynced;
    this.unsynced = [];
    this.syncing = new Promise<void>((done) => {
      fdatasync(fd, (error) => {
        for (const settle of covered) settle(error);
        this.syncing = null;
        if (this.unsynced.length > 0) this.syncLog(fd);
        done();
      });
    });
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
    this.pingStmt.get();
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    if (!this.db.open) return;
    this.flush(); // inserts already asked for are written, not dropped
    while (this.syncing) await this.syncing;
    this.db.close();
    if (this.logFd !== null) closeSync(this.logFd);
  }
}
