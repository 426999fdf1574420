/**
 * How a reader names WeChat's client stacks (the certificate verification profiles): the diagnosis
 * texts and the evidence lines both say "Android 微信拒绝", so the words live once, beside the
 * platform ids, where neither side has to import the other.
 */
import type { Lang, Localized } from '../taxonomy/codes';
import type { CertPlatform } from './evidence';

/** WeChat's client stacks (the certificate verification profiles) as a reader names them. */
export const CERT_PLATFORM_LABELS = {
  android: { zh: 'Android 微信', en: 'Android WeChat' },
  ios: { zh: 'iOS 微信', en: 'iOS WeChat' },
  desktop: { zh: '开发者工具 / PC 微信', en: 'devtools / PC WeChat' },
} as const satisfies Record<CertPlatform, Localized>;

/** `iOS 微信、Android 微信` / `iOS WeChat and Android WeChat`. */
export function certPlatformsText(platforms: readonly CertPlatform[], lang: Lang): string {
  const names = platforms.map((p) => CERT_PLATFORM_LABELS[p][lang]);
  if (lang === 'zh') return names.join('、');
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** English verb agreement for a list of platforms: `Android WeChat rejects`, `… and … reject`. */
export function certPlatformsVerb(platforms: readonly CertPlatform[], verb: 'reject' | 'accept'): string {
  return platforms.length === 1 ? `${verb}s` : verb;
}
