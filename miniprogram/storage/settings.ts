/** The user's settings: the probe server's base URL and the language (Chinese by default). */
import { LANGS, type Lang } from '../shared/taxonomy/codes';
import { readStored, writeStored } from './kv';

export type Settings = { baseUrl: string; lang: Lang };

const KEY = 'wxprobe.settings';
export const DEFAULT_SETTINGS: Settings = { baseUrl: '', lang: 'zh' };

export function loadSettings(): Settings {
  const raw = readStored(KEY) as Partial<Record<keyof Settings, unknown>> | undefined;
  return {
    baseUrl: typeof raw?.baseUrl === 'string' ? raw.baseUrl : DEFAULT_SETTINGS.baseUrl,
    lang: (LANGS as readonly unknown[]).includes(raw?.lang) ? (raw?.lang as Lang) : DEFAULT_SETTINGS.lang,
  };
}

export function saveSettings(patch: Partial<Settings>): Settings {
  const next = { ...loadSettings(), ...patch };
  writeStored(KEY, next);
  return next;
}

export function currentLang(): Lang {
  return loadSettings().lang;
}
