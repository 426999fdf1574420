/**
 * The privacy prompt WeChat asks for before a privacy API runs (here: the clipboard). It listens to
 * `wx.onNeedPrivacyAuthorization` while its page is shown (WeChat keeps one listener: each page's
 * popup takes it over in `show`), explains what is used, and answers WeChat with the user's choice:
 * agree (after the `agreePrivacyAuthorization` button's own event, as WeChat checks) or disagree, in
 * which case the API fails with errno 104 and the page offers the text to copy by hand.
 */
import { i18nComponent } from '../../i18n/behavior';

type Resolve = (answer: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;

/** The pending answer per popup instance (a function: not for `data`). */
const pending = new WeakMap<object, Resolve>();
const AGREE_BUTTON_ID = 'privacy-agree';

Component({
  behaviors: [
    i18nComponent([
      'privacyTitle',
      'privacyBody',
      'privacyContract',
      'privacyAgree',
      'privacyDisagree',
    ] as const),
  ],
  data: { shown: false },
  lifetimes: {
    attached() {
      this.listen();
    },
  },
  pageLifetimes: {
    show() {
      this.listen();
    },
  },
  methods: {
    listen() {
      if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
      // The typings call the first argument a result; WeChat passes the resolve function.
      wx.onNeedPrivacyAuthorization((first) => {
        const resolve = first as unknown as Resolve;
        pending.set(this, resolve);
        resolve({ event: 'exposureAuthorization' });
        this.setData({ shown: true });
      });
    },
    answer(event: 'agree' | 'disagree') {
      const resolve = pending.get(this);
      pending.delete(this);
      this.setData({ shown: false });
      resolve?.(event === 'agree' ? { event, buttonId: AGREE_BUTTON_ID } : { event });
    },
    onAgree() {
      this.answer('agree');
    },
    onDisagree() {
      this.answer('disagree');
    },
    onOpenContract() {
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({ fail: () => undefined });
    },
  },
});
