/**
 * Probe progress across processes, for the SSE stream: the worker running a probe may be on another
 * server than the one holding the browser's EventSource.
 *
 * Every event is a row in `probe_progress` (migration 2) and, in the same statement, a
 * `NOTIFY wxprobe_probe_progress` whose payload is only `{"r": reportId, "s": seq}` (payloads are
 * limited to 8000 bytes; the row carries the data). A listener replays the rows after the
 * Last-Event-ID it has, then reads new rows whenever a notification for its report arrives, so a
 * listener that connects late, or on another process, or after its connection dropped, misses
 * nothing. One LISTEN connection per process serves every subscription.
 *
 * `seq` is one bigserial for all reports: increasing per report, not 1, 2, 3. Rows are read by
 * `seq > last`, which relies on one publisher per report at a time awaiting each publish (the worker
 * running the job); two concurrent publishers could commit seq 8 before seq 7 and the reader would
 * skip 7.
 */
import pg from 'pg';

export const PROGRESS_CHANNEL = 'wxprobe_probe_progress';

/** Event types that end a stream: after one, the job is over. */
export const TERMINAL_EVENT_TYPES = ['done', 'failed'] as const;

export type ProgressEvent = { seq: number; type: string; data: unknown; createdAt: number };
export type ProgressListener = (event: ProgressEvent) => void;

type Row = { seq: string; type: string; data: string; created_at: Date };

type Subscription = { reportId: string; lastSeq: number; listener: ProgressListener };

export type ProgressHubOptions = {
  connectionString: string;
  /** Errors of the LISTEN connection (it reconnects by itself) and of reads after a notification. */
  onError?: (error: Error) => void;
  /** Wait before reconnecting a dropped LISTEN connection. */
  reconnectDelayMs?: number;
};

export function isTerminal(event: Pick<ProgressEvent, 'type'>): boolean {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Records one event and notifies every listening process; resolves with its seq once committed. */
export async function publishProgress(
  db: Pick<pg.Pool, 'query'>,
  reportId: string,
  type: string,
  data: unknown,
): Promise<number> {
  const result = await db.query<{ seq: string }>(
    `WITH e AS (
       INSERT INTO probe_progress (report_id, type, data) VALUES ($1, $2, $3) RETURNING seq
     )
     SELECT seq, pg_notify($4, json_build_object('r', $1::text, 's', seq)::text) FROM e`,
    [reportId, type, JSON.stringify(data ?? null), PROGRESS_CHANNEL],
  );
  return Number(result.rows[0]!.seq);
}

export class PgProgressHub {
  private listenClient: pg.Client | null = null;
  private readonly subscriptions = new Map<string, Set<Subscription>>();
  /** Per report: a read in flight, and whether another notification came during it. */
  private readonly reading = new Map<string, { again: boolean; done: Promise<void> }>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: ProgressHubOptions,
  ) {}

  static async open(options: ProgressHubOptions): Promise<PgProgressHub> {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: 3,
      application_name: 'wxprobe-progress',
    });
    pool.on('error', (error) => options.onError?.(error));
    const hub = new PgProgressHub(pool, options);
    try {
      await hub.listen();
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
    return hub;
  }

  publish(reportId: string, type: string, data: unknown): Promise<number> {
    return publishProgress(this.pool, reportId, type, data);
  }

  /**
   * Calls `listener` for every event of the report after `afterSeq` (0: all of them), stored ones
   * first, then new ones as they are published anywhere. Resolves once the stored ones are delivered;
   * returns the unsubscribe function.
   */
  async subscribe(reportId: string, afterSeq: number, listener: ProgressListener): Promise<() => void> {
    const subscription: Subscription = { reportId, lastSeq: afterSeq, listener };
    let set = this.subscriptions.get(reportId);
    if (!set) this.subscriptions.set(reportId, (set = new Set()));
    set.add(subscription);
    // Registered before the replay, so an event published meanwhile is caught by one or the other;
    // lastSeq drops the one seen twice.
    await this.catchUp(reportId);
    return () => {
      set.delete(subscription);
      if (set.size === 0 && this.subscriptions.get(reportId) === set) this.subscriptions.delete(reportId);
    };
  }

  /** Stored events of a report after `afterSeq`, oldest first. */
  async events(reportId: string, afterSeq = 0): Promise<ProgressEvent[]> {
    const result = await this.pool.query<Row>(
      'SELECT seq, type, data, created_at FROM probe_progress WHERE report_id = $1 AND seq > $2 ORDER BY seq',
      [reportId, afterSeq],
    );
    return result.rows.map((row) => ({
      seq: Number(row.seq),
      type: row.type,
      data: JSON.parse(row.data),
      createdAt: row.created_at.getTime(),
    }));
  }

  /** Retention: events are only needed while someone may still follow the job. */
  async deleteCreatedBefore(cutoffMs: number): Promise<number> {
    const result = await this.pool.query(
      'DELETE FROM probe_progress WHERE created_at < to_timestamp($1 / 1000.0)',
      [cutoffMs],
    );
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.subscriptions.clear();
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => {});
    await this.pool.end();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'wxprobe-progress-listen',
    });
    const lost = (error?: Error) => {
      if (this.listenClient !== client) return;
      this.listenClient = null;
      if (error) this.options.onError?.(error);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== PROGRESS_CHANNEL || !message.payload) return;
      const { r } = JSON.parse(message.payload) as { r: string; s: number };
      if (this.subscriptions.has(r)) void this.catchUp(r);
    });
    await client.connect();
    await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
    this.listenClient = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (this.closed) return;
      try {
        await this.listen();
        // Notifications sent while disconnected are gone: read what every subscription missed.
        for (const reportId of this.subscriptions.keys()) void this.catchUp(reportId);
      } catch (error) {
        this.options.onError?.(error as Error);
        this.scheduleReconnect();
      }
    }, this.options.reconnectDelayMs ?? 1000);
  }

  /**
   * Delivers stored events each subscription of the report has not seen; one read per report at a
   * time, re-run when a notification arrived during it. Resolves when the report's reads are idle.
   */
  private catchUp(reportId: string): Promise<void> {
    const inFlight = this.reading.get(reportId);
    if (inFlight) {
      inFlight.again = true;
      return inFlight.done;
    }
    const state = { again: true, done: Promise.resolve() };
    this.reading.set(reportId, state);
    state.done = (async () => {
      try {
        while (state.again) {
          state.again = false;
          const subs = this.subscriptions.get(reportId);
          if (!subs || subs.size === 0) break;
          const from = Math.min(...[...subs].map((s) => s.lastSeq));
          for (const event of await this.events(reportId, from)) {
            for (const sub of subs) {
              if (event.seq <= sub.lastSeq) continue;
              sub.lastSeq = event.seq;
              sub.listener(event);
            }
          }
        }
      } catch (error) {
        this.options.onError?.(error as Error);
      } finally {
        this.reading.delete(reportId);
      }
    })();
    return state.done;
  }
}
