/** Settings: the probe server's base URL (empty = phone-only analysis) and the language. */
import { i18nPage } from '../../i18n/behavior';
import { applyChrome } from '../../i18n/chrome';
import { LANGUAGE_NAMES } from '../../i18n/i18n';
import { normalizeBaseUrl } from '../../services/wxprobe-api';
import { LANGS, type Lang } from '../../shared/taxonomy/codes';
import { loadSettings, saveSettings } from '../../storage/settings';

Component({
  behaviors: [i18nPage],
  data: {
    baseUrl: '',
    baseUrlError: '',
    languages: LANGS.map((l) => LANGUAGE_NAMES[l]),
    langIndex: 0,
  },
  methods: {
    onShow() {
      const settings = loadSettings();
      this.setData({ baseUrl: settings.baseUrl, baseUrlError: '' });
      this.useLang(settings.lang);
    },
    /** The language everywhere: the page's strings, the navigation bar and the tab bar. */
    useLang(lang: Lang) {
      applyChrome(lang, 'tabSettings', true);
      this.applyLang(lang);
      this.setData({ langIndex: LANGS.indexOf(lang) });
    },
    onBaseUrlInput(e: WechatMiniprogram.Input) {
      this.setData({ baseUrl: e.detail.value, baseUrlError: '' });
    },
    onSave() {
      const baseUrl = normalizeBaseUrl(this.data.baseUrl);
      // Empty is allowed (phone-only); anything else must be https, the only scheme wx.request takes.
      if (baseUrl !== '' && !/^https:\/\/[^/\s]+/i.test(baseUrl)) {
        this.setData({ baseUrlError: this.data.t.baseUrlInvalid });
        return;
      }
      saveSettings({ baseUrl });
      this.setData({ baseUrl });
      wx.showToast({ title: this.data.t.saved, icon: 'success' });
    },
    onLangChange(e: WechatMiniprogram.PickerChange) {
      const lang = LANGS[Number(e.detail.value)] ?? 'zh';
      saveSettings({ lang });
      this.useLang(lang);
    },
  },
});
