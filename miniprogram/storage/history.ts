/**
 * The last 50 runs on this phone. A small index (one key) lists them newest first; each run is
 * stored under its own key, because WeChat caps one key at 1 MB and a run with its report can be large.
 */
import type { ClientObservation } from '../shared/observations/client';
import type { Cause, Localized } from '../shared/taxonomy/codes';
import type { ApiFailure, StoredReport } from '../services/wxprobe-api';
import { readStored, removeStored, writeStored } from './kv';

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
  topCause: Cause | null;
  topTitle: Localized | null;
};

export function summarize(entry: RunEntry): RunSummary {
  const top = entry.report?.diagnosis.verdicts[0];
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    url: entry.client.url,
    api: entry.client.api,
    okCount: entry.client.attempts.filter((a) => a.ok).length,
    total: entry.client.attempts.length,
    reportId: entry.report?.id ?? null,
    topCause: top?.cause ?? null,
    topTitle: top?.title ?? null,
  };
}

export function listRuns(): RunSummary[] {
  const raw = readStored(INDEX_KEY);
  return Array.isArray(raw) ? (raw as RunSummary[]) : [];
}

export function loadRun(id: string): RunEntry | null {
  const raw = readStored(runKey(id));
  return raw && typeof raw === 'object' ? (raw as RunEntry) : null;
}

export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

/** Saves (or replaces) a run and keeps only the newest MAX_RUNS. */
export function saveRun(entry: RunEntry): void {
  writeStored(runKey(entry.id), entry);
  const index = [summarize(entry), ...listRuns().filter((s) => s.id !== entry.id)];
  for (const dropped of index.slice(MAX_RUNS)) removeStored(runKey(dropped.id));
  writeStored(INDEX_KEY, index.slice(0, MAX_RUNS));
}

export function clearRuns(): void {
  for (const summary of listRuns()) removeStored(runKey(summary.id));
  removeStored(INDEX_KEY);
}
