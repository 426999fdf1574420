/**
 * One attempt on the Report page: WeChat's raw errMsg/errno/status/duration, the local class of the
 * raw error with its meaning and next step, the timing bar, and the raw profile on demand.
 */
import { asLang, stringsFor } from '../../i18n/i18n';

Component({
  properties: {
    /** AttemptView from view/attempt-view.ts */
    item: { type: Object, value: {} },
    lang: { type: String, value: 'zh' },
  },
  data: { t: stringsFor('zh'), expanded: false },
  observers: {
    lang(lang: string) {
      this.setData({ t: stringsFor(asLang(lang)) });
    },
  },
  methods: {
    toggleProfile() {
      this.setData({ expanded: !this.data.expanded });
    },
  },
});
