/**
 * The i18n behaviors: a page or component gets `t` and `lang` from one place instead of repeating
 * them. Components take `lang` as a property and hold only the strings their template uses (a list
 * of 100 attempt rows must not carry 100 copies of the whole table); pages call `applyLang(lang)`
 * once they know the stored language and get the whole table.
 */
import type { Lang } from '../shared/taxonomy/codes';
import { asLang, stringsFor, type StringKey, type Strings } from './i18n';

function pick<K extends StringKey>(lang: Lang, keys: readonly K[]): Pick<Strings, K> {
  const table = stringsFor(lang);
  const out = {} as Pick<Strings, K>;
  for (const key of keys) out[key] = table[key];
  return out;
}

/** For a component whose template reads `t.<key>` for each of `keys`. */
export function i18nComponent<K extends StringKey>(keys: readonly K[]) {
  return Behavior({
    properties: { lang: { type: String, value: 'zh' } },
    data: { t: pick('zh', keys) },
    observers: {
      lang(lang: string) {
        this.setData({ t: pick(asLang(lang), keys) });
      },
    },
  });
}

export const i18nPage = Behavior({
  data: { t: stringsFor('zh'), lang: 'zh' as Lang },
  methods: {
    applyLang(lang: Lang) {
      this.setData({ t: stringsFor(lang), lang });
    },
  },
});
