/** The small i18n module: the string table of a language, and `{name}` placeholders filled in. */
import type { Lang } from '../shared/taxonomy/codes';
import { STRINGS, type StringKey, type Strings } from './strings';

export type { StringKey, Strings };

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang] ?? STRINGS.zh;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

export function say(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return fill(stringsFor(lang)[key], values);
}

/** Language names are shown in their own language, whatever the current one is. */
export const LANGUAGE_NAMES: Record<Lang, string> = { zh: '中文', en: 'English' };

/** A language code from a component property or a query string; anything else is Chinese. */
export function asLang(value: unknown): Lang {
  return value === 'en' ? 'en' : 'zh';
}
