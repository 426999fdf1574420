/**
 * The last 50 runs on this phone. A small index (one key) lists them newest first; each run is
 * stored under its own key, because WeChat caps one key at 1 MB and a run with its report can be large.
 * WeChat also caps storage at 10 MB in all: every write is checked, the oldest runs are evicted to
 * make room, the current run is trimmed to fit 1 MB (trim.ts), and if it still cannot be written it
 * is kept in memory for this session, so its report opens right after the run whatever happens.
 * `saveRun` says what it did; `storageMessage` turns that into a message key for the page.
 */
import type { ClientObservation } from '../shared/observations/client';
import type { Localized } from '../shared/taxonomy/codes';
import type { ApiFailure, StoredReport } from '../services/wxprobe-api';
import { readStored, removeStored, writeStored } from './kv';
import { trimToFit, type TrimStep } from './trim';

export const MAX_RUNS = 50;
const INDEX_KEY = 'wxprobe.history';
const runKey = (id: string) => `wxprobe.run.${id}`;

export type RunEntry = {
  id: string;
  createdAt: number;
  client: ClientObservation;
  report: StoredReport | null;
  serverFailure: ApiFailure | null;
  /** Why the document was not uploaded, when it did not match wxprobe.client/1. */
  schemaErrors?: string[];
};

export type RunSummary = {
  id: string;
  createdAt: number;
  url: string;
  api: string;
  okCount: number;
  total: number;
  reportId: string | null;
  topCause: string | null;
  topTitle: Localized | null;
};

function topTitle(presented: StoredReport['presented']): Localized | null {
  const zh = presented.zh.verdicts[0]?.title;
  const en = presented.en.verdicts[0]?.title;
  return zh !== undefined && en !== undefined ? { zh, en } : null;
}

export function summarize(entry: RunEntry): RunSummary {
  const presented = entry.report?.presented;
  // As the diagnosis counts: the target's attempts, without control-URL or background ones.
  const counted = entry.client.attempts.filter((a) => a.target !== 'control' && a.background !== true);
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    url: entry.client.url,
    api: entry.client.api,
    okCount: counted.filter((a) => a.ok).length,
    total: counted.length,
    reportId: entry.report?.id ?? null,
    topCause: presented?.zh.verdicts[0]?.cause ?? null,
    topTitle: presented ? topTitle(presented) : null,
  };
}

export function listRuns(): RunSummary[] {
  const raw = readStored(INDEX_KEY);
  return Array.isArray(raw) ? (raw as RunSummary[]) : [];
}

/** Runs that could not be written this session, kept so their report still opens. */
const unsaved = new Map<string, RunEntry>();

/**
 * A stored run. A report stored by an older version of this package (before the server sent
 * `presented`) cannot be rendered here any more: it is left out, and the page offers to upload
 * the run's client document again, which gets a report in today's form.
 */
export function loadRun(id: string): RunEntry | null {
  const raw = readStored(runKey(id));
  if (!raw || typeof raw !== 'object') return unsaved.get(id) ?? null;
  const entry = raw as RunEntry;
  const report = entry.report as Partial<StoredReport> | null;
  return report && typeof report.presented !== 'object' ? { ...entry, report: null } : entry;
}

export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

export const SAVE_FAILURES = ['entry-too-large', 'storage-full'] as const;

export type SaveResult =
  | { ok: true; evicted: string[]; trimmed: TrimStep[] }
  | {
      ok: false;
      /** entry-too-large: over 1 MB even trimmed; storage-full: no room after evicting every other run */
      reason: (typeof SAVE_FAILURES)[number];
      /** WeChat's own words from the last failed write */
      errMsg: string;
      evicted: string[];
      trimmed: TrimStep[];
    };

/** The message keys a page shows after saveRun (params: `count` for evicted). */
export const STORAGE_MESSAGE_KEYS = {
  evicted: 'storage.evicted',
  trimmed: 'storage.trimmed',
  'entry-too-large': 'storage.failed.tooLarge',
  'storage-full': 'storage.failed.full',
} as const;
export type StorageMessageKey = (typeof STORAGE_MESSAGE_KEYS)[keyof typeof STORAGE_MESSAGE_KEYS];

/** What to tell the user after a save, or null when there is nothing to say. Failure first. */
export function storageMessage(result: SaveResult): { key: StorageMessageKey; count?: number } | null {
  if (!result.ok) return { key: STORAGE_MESSAGE_KEYS[result.reason] };
  if (result.evicted.length) return { key: STORAGE_MESSAGE_KEYS.evicted, count: result.evicted.length };
  if (result.trimmed.length) return { key: STORAGE_MESSAGE_KEYS.trimmed };
  return null;
}

/** Writes `value`, evicting the oldest runs other than `keep` until it fits; returns the last error. */
function writeMakingRoom(key: string, value: unknown, keep: string, evicted: string[]): string | null {
  for (;;) {
    const written = writeStored(key, value);
    if (written.ok) return null;
    const index = listRuns();
    const oldest = [...index].reverse().find((s) => s.id !== keep);
    if (!oldest) return written.errMsg;
    removeStored(runKey(oldest.id));
    evicted.push(oldest.id);
    // The index must stop naming the evicted run even if the caller's write fails in the end.
    writeStored(
      INDEX_KEY,
      index.filter((s) => s.id !== oldest.id),
    );
  }
}

/**
 * Saves (or replaces) a run and keeps only the newest MAX_RUNS. The document is stored as measured
 * (its domain-check reading is the server's, under the report's `presented`).
 */
export function saveRun(input: RunEntry): SaveResult {
  const { entry, trimmed } = trimToFit(input);
  const evicted: string[] = [];
  const index = [summarize(entry), ...listRuns().filter((s) => s.id !== entry.id)];
  for (const dropped of index.slice(MAX_RUNS)) removeStored(runKey(dropped.id));
  writeStored(INDEX_KEY, index.slice(0, MAX_RUNS));
  const entryError = writeMakingRoom(runKey(entry.id), entry, entry.id, evicted);
  const indexError =
    entryError ??
    writeMakingRoom(
      INDEX_KEY,
      [summarize(entry), ...listRuns().filter((s) => s.id !== entry.id)].slice(0, MAX_RUNS),
      entry.id,
      evicted,
    );
  if (entryError === null && indexError === null) {
    unsaved.delete(entry.id);
    return { ok: true, evicted, trimmed };
  }
  unsaved.set(entry.id, entry);
  const errMsg = entryError ?? indexError ?? '';
  // A run that still fits nowhere after every other run is gone: over the per-key cap, or storage is
  // taken by something else.
  const tooLarge = entryError !== null && /entry size|size limit|1\s*M/i.test(errMsg);
  return { ok: false, reason: tooLarge ? 'entry-too-large' : 'storage-full', errMsg, evicted, trimmed };
}

/** Removes the oldest stored run to make room for something else; false when there is none. */
export function evictOldestRun(): boolean {
  const index = listRuns();
  const oldest = index[index.length - 1];
  if (!oldest) return false;
  removeStored(runKey(oldest.id));
  writeStored(INDEX_KEY, index.slice(0, -1));
  return true;
}

export function clearRuns(): void {
  for (const summary of listRuns()) removeStored(runKey(summary.id));
  removeStored(INDEX_KEY);
  unsaved.clear();
}
