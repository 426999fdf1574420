/**
 * Every fixed text of the web pages, Chinese first, English beside it, kept as data in
 * ui-text.json (one entry per key: {zh, en}; `{name}` marks a value filled in by `t`). Diagnosis
 * texts come from the report itself (shared/diagnose); these are only the page's own labels.
 */
import type { Lang, Localized } from '../../../shared/taxonomy/codes';
import UI_TEXT from './ui-text.json';

/** Checked here, so a key missing a language or given a non-string fails the type check. */
const UI: Record<keyof typeof UI_TEXT, Localized> = UI_TEXT;

export type UiKey = keyof typeof UI_TEXT;

export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
