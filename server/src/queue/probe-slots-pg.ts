/**
 * A concurrency limit for probes that holds across every server process on one database: `limit`
 * PostgreSQL advisory locks, one per slot, keyed (PROBE_SLOT_LOCK_CLASS, 0..limit-1). A running
 * probe holds one of them with `pg_try_advisory_lock` on this process's dedicated connection.
 *
 * Why advisory locks rather than a counter row: a session lock is released by PostgreSQL itself
 * when its connection ends, so a process killed with SIGKILL frees its slots at once; a counter
 * would stay incremented until some lease expired. pg-boss's `batchSize` and local concurrency only
 * bound one process.
 *
 * Session locks are re-entrant within a session, so this process remembers which keys it holds and
 * never asks for one twice; acquisitions are serialised for the same reason. If the connection
 * drops, PostgreSQL has released every slot this process held: probes already running carry on
 * (they are not killed), so for up to one probe's duration the limit can be exceeded by them.
 */
import pg from 'pg';

/** First key of the two-int advisory lock space: int4 of sha256('wxprobe.probe-slots')[0..4]. */
export const PROBE_SLOT_LOCK_CLASS = 830_639_892;

export type ProbeSlot = { readonly index: number; release(): Promise<void> };

export type ProbeSlotsOptions = {
  connectionString: string;
  /** Probes allowed at once across all processes sharing the database (every process must agree). */
  limit: number;
  onError?: (error: Error) => void;
};

export class PgProbeSlots {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<number>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: ProbeSlotsOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new Error(`probe slot limit must be a positive integer, got ${options.limit}`);
    }
  }

  static async open(options: ProbeSlotsOptions): Promise<PgProbeSlots> {
    const slots = new PgProbeSlots(options);
    await slots.connection();
    return slots;
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Slots this process holds now. */
  get heldHere(): number {
    return this.held.size;
  }

  /** A free slot, or null when all `limit` are taken (here or in another process). */
  tryAcquire(): Promise<ProbeSlot | null> {
    return this.serially(async () => {
      if (this.closed) throw new Error('probe slots are closed');
      const client = await this.connection();
      // Start at a random slot so processes do not all contend for slot 0 first.
      const start = Math.floor(Math.random() * this.options.limit);
      for (let i = 0; i < this.options.limit; i++) {
        const index = (start + i) % this.options.limit;
        if (this.held.has(index)) continue;
        const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
          PROBE_SLOT_LOCK_CLASS,
          index,
        ]);
        if (result.rows[0]?.ok) {
          this.held.add(index);
          return this.slot(index, client);
        }
      }
      return null;
    });
  }

  /** Slots taken across all processes (for /healthz or metrics). */
  async inUse(): Promise<number> {
    const client = await this.connection();
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objsubid = 2 AND objid < $2`,
      [PROBE_SLOT_LOCK_CLASS, this.options.limit],
    );
    return result.rows[0]?.n ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => {});
    const client = this.client;
    this.client = null;
    this.held.clear();
    // Ending the session releases every slot it held.
    if (client) await client.end().catch(() => {});
  }

  private slot(index: number, owner: pg.Client): ProbeSlot {
    let released = false;
    return {
      index,
      release: () =>
        this.serially(async () => {
          if (released) return;
          released = true;
          // A slot taken on a connection that has since dropped is already free in PostgreSQL.
          if (this.client !== owner) return;
          this.held.delete(index);
          await owner.query('SELECT pg_advisory_unlock($1, $2)', [PROBE_SLOT_LOCK_CLASS, index]);
        }),
    };
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => {});
    return next;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        application_name: 'wxprobe-probe-slots',
      });
      const lost = (error?: Error) => {
        if (this.client !== client) return;
        // PostgreSQL released this session's locks with it; the next acquire reconnects.
        this.client = null;
        this.held.clear();
        if (error) this.options.onError?.(error);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
      } catch (error) {
        this.connecting = null;
        throw error;
      }
      this.client = client;
      this.connecting = null;
      return client;
    })();
    return this.connecting;
  }
}
