/**
 * Schema migrations, in code, applied in order at open. `PRAGMA user_version` records the last one
 * applied. Append new steps; never edit a released one (databases in the field already ran it).
 */
import type { Database } from 'better-sqlite3';

export type Migration = { version: number; description: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'reports: observations as JSON, cached diagnosis with the rules version',
    sql: `
      CREATE TABLE reports (
        id             TEXT PRIMARY KEY NOT NULL,
        created_at     INTEGER NOT NULL,
        url            TEXT NOT NULL,
        client_json    TEXT,
        probe_json     TEXT,
        diagnosis_json TEXT NOT NULL,
        rules_version  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reports_created_at ON reports (created_at);
    `,
  },
  {
    version: 2,
    description: 'reports from several vantages: each vantage asked and its probe (issue #14)',
    sql: `ALTER TABLE reports ADD COLUMN vantages_json TEXT;`,
  },
];

export function currentVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the database, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new Error(
      `database schema version ${from} is newer than this wxprobe knows (${newest}); upgrade wxprobe`,
    );
  }
  for (const step of migrations) {
    if (step.version <= from) continue;
    db.transaction(() => {
      db.exec(step.sql);
      // user_version cannot take a bound parameter; the value is an integer from our own table.
      db.pragma(`user_version = ${Math.trunc(step.version)}`);
    })();
  }
  return currentVersion(db);
}
