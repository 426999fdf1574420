/**
 * The run configuration: written by the Diagnose page (and "run again" on a report), read by the
 * Run page. Storage instead of a query string: a URL of up to 2 KB survives it unchanged.
 */
import { normalizeRunConfig, type RunConfig } from '../runner/run-config';
import { evictOldestRun } from './history';
import { readStored, writeStored, type WriteResult } from './kv';

const CONFIG_KEY = 'wxprobe.runConfig';
const RECENT_KEY = 'wxprobe.recentUrls';
export const MAX_RECENT_URLS = 8;

export function loadRunConfig(): RunConfig {
  return normalizeRunConfig(readStored(CONFIG_KEY));
}

/**
 * Checked: the Run page reads this back, so a write lost to full storage would run an older config.
 * With storage full, the oldest history runs make room (the config is small).
 */
export function saveRunConfig(config: RunConfig): WriteResult {
  for (;;) {
    const written = writeStored(CONFIG_KEY, config);
    if (written.ok || !evictOldestRun()) return written;
  }
}

export function loadRecentUrls(): string[] {
  const raw = readStored(RECENT_KEY);
  return Array.isArray(raw)
    ? raw.filter((u): u is string => typeof u === 'string').slice(0, MAX_RECENT_URLS)
    : [];
}

export function rememberUrl(url: string): string[] {
  const next = [url, ...loadRecentUrls().filter((u) => u !== url)].slice(0, MAX_RECENT_URLS);
  writeStored(RECENT_KEY, next);
  return next;
}
