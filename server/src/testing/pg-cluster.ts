/**
 * A throw-away PostgreSQL cluster for one test file: `initdb` into a temporary folder, the server
 * listening only on a Unix socket in that folder (`listen_addresses=''`, so no port is taken and
 * nothing is reachable from outside), `pg_ctl start -w`, and a `stop()` that removes it all.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: the cluster then runs as `nobody` through
 * `runuser` (or as a system user `wxprobe-pg`, created when `nobody` is missing), with the folder
 * chowned to it. When the binaries or runuser are missing, `findPostgres()` says what is missing so
 * the tests can be skipped with that reason printed (`describePg` below), never silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export type PgAvailability =
  { available: true; binDir: string; runAs: string | null } | { available: false; reason: string };

export type PgCluster = {
  /** Connection string of the cluster's `postgres` database (superuser `postgres`, trust auth). */
  connectionString: string;
  /** The folder holding the socket, the data directory and the log. */
  dir: string;
  /** A fresh empty database in the cluster; its connection string. */
  newDatabase(): Promise<string>;
  /** Stops the server at once (`-m immediate`) and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
};

const NEEDED = ['initdb', 'pg_ctl', 'postgres'] as const;
const FALLBACK_USER = 'wxprobe-pg';
// The socket file is `.s.PGSQL.<port>`; with no TCP listener the port only names that file.
const SOCKET_PORT = 5432;
// Unix socket paths are limited to 107 bytes; a long TMPDIR falls back to /tmp.
const MAX_SOCKET_DIR = 80;

let cached: PgAvailability | undefined;

/** Where the PostgreSQL binaries are, and which user runs them; or why the cluster cannot start. */
export function findPostgres(): PgAvailability {
  cached ??= locate();
  return cached;
}

function locate(): PgAvailability {
  const binDir = candidateBinDirs().find((dir) => NEEDED.every((name) => existsSync(join(dir, name))));
  if (!binDir) {
    return {
      available: false,
      reason: `PostgreSQL server binaries (${NEEDED.join(', ')}) not found in /usr/lib/postgresql/*/bin or PATH; install Debian's "postgresql" package`,
    };
  }
  if (process.getuid?.() !== 0) return { available: true, binDir, runAs: null };
  if (!onPath('runuser')) {
    return { available: false, reason: 'running as root and `runuser` is missing (PostgreSQL refuses root)' };
  }
  const user = unprivilegedUser();
  if (!user) {
    return {
      available: false,
      reason: `running as root, no "nobody" user and \`useradd -r ${FALLBACK_USER}\` failed (PostgreSQL refuses root)`,
    };
  }
  return { available: true, binDir, runAs: user };
}

function candidateBinDirs(): string[] {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return [...versions.map((v) => join(debian, v, 'bin')), ...(process.env.PATH ?? '').split(delimiter)];
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

function unprivilegedUser(): string | null {
  if (userExists('nobody')) return 'nobody';
  if (userExists(FALLBACK_USER)) return FALLBACK_USER;
  spawnSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', FALLBACK_USER], { stdio: 'ignore' });
  return userExists(FALLBACK_USER) ? FALLBACK_USER : null;
}

/** Numeric uid/gid of a user, for chown. */
function ids(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function run(found: Extract<PgAvailability, { available: true }>, tool: string, args: string[]): void {
  const command = join(found.binDir, tool);
  const [file, argv] = found.runAs
    ? ['runuser', ['-u', found.runAs, '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `${tool} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Starts a cluster; throws with initdb's or pg_ctl's output when it cannot. */
export async function startPgCluster(): Promise<PgCluster> {
  const found = findPostgres();
  if (!found.available) throw new Error(`cannot start PostgreSQL: ${found.reason}`);
  const base = tmpdir().length <= MAX_SOCKET_DIR - 20 ? tmpdir() : '/tmp';
  const dir = mkdtempSync(join(base, 'wxprobe-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (existsSync(join(data, 'postmaster.pid')))
        run(found, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that ends without calling stop() must not leave a server behind.
  const onExit = () => {
    try {
      stopSync();
    } catch {
      // best effort at exit
    }
  };
  process.once('exit', onExit);
  try {
    if (found.runAs) {
      const { uid, gid } = ids(found.runAs);
      chownSync(dir, uid, gid);
      writeFileSync(log, '');
      chownSync(log, uid, gid);
    }
    chmodSync(dir, 0o700);
    // --no-sync only skips flushing initdb's own files; the running server keeps fsync=on.
    run(found, 'initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        "listen_addresses = ''",
        `unix_socket_directories = '${dir}'`,
        `port = ${SOCKET_PORT}`,
        // Durability tests must be real: every commit is flushed before it is acknowledged.
        'fsync = on',
        'synchronous_commit = on',
        'full_page_writes = on',
        'max_connections = 100',
        'shared_buffers = 32MB',
        'log_min_messages = warning',
        '',
      ].join('\n'),
    );
    run(found, 'pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  } catch (error) {
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    onExit();
    process.off('exit', onExit);
    throw new Error(`${(error as Error).message}\n${logText}`, { cause: error });
  }
  const connectionFor = (database: string) =>
    `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}&port=${SOCKET_PORT}`;
  let databases = 0;
  return {
    connectionString: connectionFor('postgres'),
    dir,
    async newDatabase() {
      const name = `t${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: connectionFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return connectionFor(name);
    },
    async stop() {
      process.off('exit', onExit);
      stopSync();
    },
  };
}

/**
 * For `describe.skipIf(!pgAvailable('store tests'))`: true when PostgreSQL can run, otherwise prints
 * why the named tests are skipped.
 */
export function pgAvailable(what: string): boolean {
  const found = findPostgres();
  if (!found.available) console.warn(`skipping ${what}: ${found.reason}`);
  return found.available;
}
