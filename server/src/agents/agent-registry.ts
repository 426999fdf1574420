/**
 * Who is out there: each agent's last heartbeat (every call of an agent counts: the heartbeat route
 * and each long-poll), with its version and how many jobs it has running. A vantage is online while
 * one of its agents was heard from within ONLINE_WITHIN_MS (three heartbeat intervals: one lost or
 * late beat does not flip it).
 *
 * Two stores of the same thing: in memory for a single SQLite server, and the `agent_heartbeats`
 * table (store/pg-migrations.ts) for a fleet, so any server lists the agents that talk to any other.
 * Several agents may share a vantage (and its token); each names itself with an id of its own.
 */
import type pg from 'pg';
import { createPgPool } from '../store/report-store-pg';

/** How often the `wxprobe agent` CLI sends a heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const ONLINE_WITHIN_MS = 3 * HEARTBEAT_INTERVAL_MS;
/** Heartbeats of agents silent this long are forgotten (an agent restarted under a new id). */
const FORGET_AFTER_MS = 24 * 3600_000;

export type Heartbeat = {
  vantage: string;
  agentId: string;
  lastSeenAt: number;
  version: string | null;
  inFlight: number;
};

/** What a beat says; fields left out keep what the agent said before (a long-poll only says "alive"). */
export type Beat = { vantage: string; agentId: string; version?: string; inFlight?: number };

export interface AgentRegistry {
  beat(beat: Beat): Promise<void>;
  list(): Promise<Heartbeat[]>;
  close(): Promise<void>;
}

export type VantageStatus = {
  name: string;
  online: boolean;
  /** ms since epoch of the latest heartbeat of any of its agents; null: never heard from. */
  lastHeartbeatAt: number | null;
  /** Agents heard from within the online window. */
  agentsOnline: number;
  /** Jobs those agents said they were running. */
  inFlight: number;
};

/** One row per vantage of `names`, in that order, from the heartbeats. */
export function vantageStatuses(
  names: readonly string[],
  heartbeats: readonly Heartbeat[],
  now: number,
  onlineWithinMs = ONLINE_WITHIN_MS,
): VantageStatus[] {
  return names.map((name) => {
    const own = heartbeats.filter((h) => h.vantage === name);
    const live = own.filter((h) => now - h.lastSeenAt <= onlineWithinMs);
    const last = own.reduce<number | null>((max, h) => Math.max(max ?? 0, h.lastSeenAt), null);
    return {
      name,
      online: live.length > 0,
      lastHeartbeatAt: last,
      agentsOnline: live.length,
      inFlight: live.reduce((sum, h) => sum + h.inFlight, 0),
    };
  });
}

export class MemoryAgentRegistry implements AgentRegistry {
  private readonly beats = new Map<string, Heartbeat>();

  constructor(private readonly now: () => number = Date.now) {}

  async beat(beat: Beat): Promise<void> {
    const key = `${beat.vantage}\n${beat.agentId}`;
    const before = this.beats.get(key);
    const now = this.now();
    this.beats.set(key, {
      vantage: beat.vantage,
      agentId: beat.agentId,
      lastSeenAt: now,
      version: beat.version ?? before?.version ?? null,
      inFlight: beat.inFlight ?? before?.inFlight ?? 0,
    });
    for (const [k, h] of this.beats) if (now - h.lastSeenAt > FORGET_AFTER_MS) this.beats.delete(k);
  }

  async list(): Promise<Heartbeat[]> {
    return [...this.beats.values()];
  }

  async close(): Promise<void> {}
}

type Row = {
  vantage: string;
  agent_id: string;
  last_seen_at: string;
  agent_version: string | null;
  in_flight: number;
};

export class PgAgentRegistry implements AgentRegistry {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number,
  ) {}

  /** The table comes from the store's migrations: open the store (or migratePg) first. */
  static open(options: {
    connectionString: string;
    now?: () => number;
    onIdleError?: (error: Error) => void;
  }): PgAgentRegistry {
    const pool = createPgPool({
      connectionString: options.connectionString,
      maxConnections: 2,
      ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
    });
    return new PgAgentRegistry(pool, options.now ?? Date.now);
  }

  async beat(beat: Beat): Promise<void> {
    const now = this.now();
    await this.pool.query(
      `INSERT INTO agent_heartbeats (vantage, agent_id, last_seen_at, agent_version, in_flight)
       VALUES ($1, $2, $3, $4, coalesce($5, 0))
       ON CONFLICT (vantage, agent_id) DO UPDATE SET
         last_seen_at = greatest(agent_heartbeats.last_seen_at, EXCLUDED.last_seen_at),
         agent_version = coalesce($4, agent_heartbeats.agent_version),
         in_flight = coalesce($5, agent_heartbeats.in_flight)`,
      [beat.vantage, beat.agentId, now, beat.version ?? null, beat.inFlight ?? null],
    );
    await this.pool.query('DELETE FROM agent_heartbeats WHERE vantage = $1 AND last_seen_at < $2', [
      beat.vantage,
      now - FORGET_AFTER_MS,
    ]);
  }

  async list(): Promise<Heartbeat[]> {
    const result = await this.pool.query<Row>(
      'SELECT vantage, agent_id, last_seen_at, agent_version, in_flight FROM agent_heartbeats',
    );
    return result.rows.map((row) => ({
      vantage: row.vantage,
      agentId: row.agent_id,
      lastSeenAt: Number(row.last_seen_at),
      version: row.agent_version,
      inFlight: row.in_flight,
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
