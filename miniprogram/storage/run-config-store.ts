/**
 * The run configuration: written by the Diagnose page (and "run again" on a report), read by the
 * Run page. Storage instead of a query string: a URL of up to 2 KB survives it unchanged.
 */
import { normalizeRunConfig, type RunConfig } from '../runner/run-config';
import { readStored, writeStored } from './kv';

const CONFIG_KEY = 'wxprobe.runConfig';
const RECENT_KEY = 'wxprobe.recentUrls';
export const MAX_RECENT_URLS = 8;

export function loadRunConfig(): RunConfig {
  return normalizeRunConfig(readStored(CONFIG_KEY));
}

export function saveRunConfig(config: RunConfig): void {
  writeStored(CONFIG_KEY, config);
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
