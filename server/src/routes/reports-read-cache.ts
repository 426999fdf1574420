/**
 * The read side of shared report links, kept hot: a stored report's JSON answer and its rendered
 * page (per language) are built once per (report id, rules version) and then served from memory
 * with a strong ETag, and a reader who already has them gets 304 without a body.
 *
 * Why caching is safe: a report's observations never change once stored, and its diagnosis changes
 * only with the rules version, which is part of the key — a server with other rules builds its own.
 * The one other change is deletion by retention: an entry past the retention cutoff is dropped
 * instead of served. Memory is bounded by bytes (least recently used out first); concurrent misses
 * for one entry share one build.
 *
 * The ETag is a digest of the bytes sent, so it is the same on every server of a fleet that would
 * send the same bytes, and changes whenever the bytes do (new rules, new page templates).
 */
import { createHash } from 'node:crypto';

export type CachedBody = { body: Buffer; etag: string };

/** What a loader returns: the text to send and when the report was created (for retention). */
export type Loaded = { text: string; createdAt: number };

export type ReadCacheOptions = {
  rulesVersion: string;
  /** Total bytes of bodies kept. */
  maxBytes: number;
  /** Reports created before now - retentionMs are gone (null: kept forever). */
  retentionMs: number | null;
  now?: () => number;
};

type Entry = { body: CachedBody; createdAt: number };

export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 If-None-Match: `*` or a list of entity tags, compared weakly (W/ ignored). */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  return value.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export class ReportReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry | null>>();
  private bytes = 0;

  constructor(private readonly options: ReadCacheOptions) {}

  /** The report's JSON answer. */
  json(id: string, load: () => Promise<Loaded | null>): Promise<CachedBody | null> {
    return this.get(`json:${id}`, load);
  }

  /** The report's page in one language. */
  page(id: string, lang: string, load: () => Promise<Loaded | null>): Promise<CachedBody | null> {
    return this.get(`page:${lang}:${id}`, load);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private async get(what: string, load: () => Promise<Loaded | null>): Promise<CachedBody | null> {
    const key = `${this.options.rulesVersion}\n${what}`;
    const hit = this.entries.get(key);
    if (hit && this.current(hit)) {
      // Map order is insertion order: re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.body;
    }
    if (hit) this.remove(key, hit);
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(key, load);
      this.building.set(key, pending);
      void pending.finally(() => this.building.delete(key)).catch(() => {});
    }
    // Freshly loaded: the store is the authority on whether the report still exists.
    return (await pending)?.body ?? null;
  }

  private async build(key: string, load: () => Promise<Loaded | null>): Promise<Entry | null> {
    const loaded = await load();
    if (!loaded) return null;
    const body = Buffer.from(loaded.text, 'utf8');
    const entry: Entry = { body: { body, etag: etagOf(body) }, createdAt: loaded.createdAt };
    if (this.current(entry) && body.length <= this.options.maxBytes / 4) {
      this.entries.set(key, entry);
      this.bytes += body.length;
      for (const [oldKey, old] of this.entries) {
        if (this.bytes <= this.options.maxBytes) break;
        this.remove(oldKey, old);
      }
    }
    return entry;
  }

  private current(entry: Entry): boolean {
    const { retentionMs } = this.options;
    return retentionMs === null || entry.createdAt >= (this.options.now ?? Date.now)() - retentionMs;
  }

  private remove(key: string, entry: Entry): void {
    if (this.entries.delete(key)) this.bytes -= entry.body.body.length;
  }
}
