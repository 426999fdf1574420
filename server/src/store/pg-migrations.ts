/**
 * PostgreSQL schema migrations, in code, applied in order at start. The table
 * `wxprobe_schema_migrations` records each applied version once. Append new steps; never edit a
 * released one (databases in the field already ran it).
 *
 * Several servers start against one database at once: the whole run happens in one transaction that
 * first takes a transaction-scoped advisory lock, so the second server waits, then finds the work
 * done. The transaction also means a failing step leaves nothing behind. pg-boss keeps its own
 * schema (`pgboss`) and migrates it under its own lock; it is not listed here.
 */
import type pg from 'pg';

export type PgMigration = { version: number; description: string; sql: string };

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description:
      'reports: observations as JSON text (returned byte for byte), cached diagnosis with the rules version',
    sql: `
      CREATE TABLE reports (
        id             text PRIMARY KEY,
        created_at     bigint NOT NULL,
        url            text NOT NULL,
        client_json    text,
        probe_json     text,
        diagnosis_json text NOT NULL,
        rules_version  text NOT NULL
      );
      CREATE INDEX reports_created_at ON reports (created_at);
    `,
  },
  {
    version: 2,
    description: 'probe progress events, replayed to listeners on any server (see queue/progress-pg.ts)',
    sql: `
      CREATE TABLE probe_progress (
        seq        bigserial PRIMARY KEY,
        report_id  text NOT NULL,
        type       text NOT NULL,
        data       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX probe_progress_report ON probe_progress (report_id, seq);
      CREATE INDEX probe_progress_created_at ON probe_progress (created_at);
    `,
  },
  {
    version: 3,
    description:
      'agent heartbeats per vantage, so every server lists every agent (see agents/agent-registry.ts)',
    sql: `
      CREATE TABLE agent_heartbeats (
        vantage       text NOT NULL,
        agent_id      text NOT NULL,
        last_seen_at  bigint NOT NULL,
        agent_version text,
        in_flight     integer NOT NULL DEFAULT 0,
        PRIMARY KEY (vantage, agent_id)
      );
    `,
  },
  {
    version: 4,
    description:
      'reports from several vantages: each vantage asked and its probe; the answers collected until the report is put together (issue #14)',
    sql: `
      ALTER TABLE reports ADD COLUMN vantages_json text;
      CREATE TABLE vantage_results (
        report_id   text NOT NULL,
        vantage     text NOT NULL,
        state       text NOT NULL,
        probe_json  text,
        error       text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, vantage)
      );
      CREATE INDEX vantage_results_created_at ON vantage_results (created_at);
    `,
  },
];

/**
 * The advisory lock key that serialises migration runs: the first 8 bytes of sha256 of a fixed name,
 * so nothing else in the database picks it by accident.
 */
export const MIGRATION_LOCK_KEY = '6258420972027803505'; // sha256('wxprobe.schema-migrations')[0..8] as int8

const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS wxprobe_schema_migrations (
    version     integer PRIMARY KEY,
    description text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
  )`;

type Queryable = Pick<pg.Pool, 'connect'>;

/** The newest applied version (0 on an empty database). */
export async function currentPgVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('wxprobe_schema_migrations')::text AS t",
  );
  if (exists.rows[0]?.t === null) return 0;
  const row = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM wxprobe_schema_migrations',
  );
  return row.rows[0]?.v ?? 0;
}

/** Applies every migration newer than the database; returns the version it is at afterwards. */
export async function migratePg(
  pool: Queryable,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number> {
  const newest = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      // Taken before anything else, so two servers never both see an empty database.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await client.query(CREATE_TABLE);
      const from = await currentPgVersion(client);
      if (from > newest) {
        throw new Error(
          `database schema version ${from} is newer than this wxprobe knows (${newest}); upgrade wxprobe`,
        );
      }
      for (const step of migrations) {
        if (step.version <= from) continue;
        await client.query(step.sql);
        await client.query('INSERT INTO wxprobe_schema_migrations (version, description) VALUES ($1, $2)', [
          step.version,
          step.description,
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    return await currentPgVersion(client);
  } finally {
    client.release();
  }
}
