/**
 * The i18n behaviors: a page or component gets `t` (its language's string table) and `lang` from
 * one place instead of repeating them. Components take `lang` as a property and `t` follows it;
 * pages call `applyLang(lang)` once they know the stored language. Only the component's own `t` is
 * in its data: list items get `lang`, never a copy of the string table.
 */
import type { Lang } from '../shared/taxonomy/codes';
import { asLang, stringsFor } from './i18n';

export const i18nComponent = Behavior({
  properties: { lang: { type: String, value: 'zh' } },
  data: { t: stringsFor('zh') },
  observers: {
    lang(lang: string) {
      this.setData({ t: stringsFor(asLang(lang)) });
    },
  },
});

export const i18nPage = Behavior({
  data: { t: stringsFor('zh'), lang: 'zh' as Lang },
  methods: {
    applyLang(lang: Lang) {
      this.setData({ t: stringsFor(lang), lang });
    },
  },
});
