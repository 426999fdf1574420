/**
 * The parts of WeChat's own UI that carry our words: the navigation bar title and the tab bar
 * (its texts in app.json are Chinese; English is applied at run time). Failures are ignored: on a
 * page without a tab bar WeChat refuses setTabBarItem, and that changes nothing for the user.
 */
import type { Lang } from '../shared/taxonomy/codes';
import { stringsFor, type StringKey } from './i18n';

const TAB_KEYS: StringKey[] = ['tabDiagnose', 'tabHistory', 'tabSettings'];
const ignore = () => undefined;

export function applyChrome(lang: Lang, titleKey: StringKey, onTabPage = false): void {
  const t = stringsFor(lang);
  try {
    wx.setNavigationBarTitle({ title: t[titleKey], fail: ignore });
    if (onTabPage) TAB_KEYS.forEach((key, index) => wx.setTabBarItem({ index, text: t[key], fail: ignore }));
  } catch {
    // An old base library without these APIs keeps the titles from app.json.
  }
}
