/**
 * One attempt on the Report page: WeChat's raw errMsg/errno/status/duration, the local class of the
 * raw error with its meaning and next step, the timing bar (or why there is none: WeChat documents
 * `profile` on success only), more of the answer (headers, cookie names, the first 2 KB of the
 * body), and the raw profile on demand.
 */
import { i18nComponent } from '../../i18n/behavior';
import type { AttemptView } from '../../view/attempt-view';
import type { AnswerView } from '../../pages/report/phone-notes';

const EMPTY_ANSWER: AnswerView = { headers: [], cookies: '', bodyHead: '', redirects: [] };

Component({
  behaviors: [
    i18nComponent([
      'statusCode',
      'noCallback',
      'classification',
      'hint',
      'showProfile',
      'hideProfile',
      'noProfileOnFailure',
      'answerHeaders',
      'answerCookies',
      'answerBody',
      'answerRedirects',
    ] as const),
  ],
  properties: {
    item: { type: Object, value: {} as AttemptView },
    answer: { type: Object, value: EMPTY_ANSWER as AnswerView },
  },
  data: { expanded: false, answerShown: false },
  methods: {
    toggleProfile() {
      this.setData({ expanded: !this.data.expanded });
    },
    toggleAnswer() {
      this.setData({ answerShown: !this.data.answerShown });
    },
  },
});
