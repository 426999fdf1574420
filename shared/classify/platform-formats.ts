/**
 * Error formats that only one platform produces, used to name the platform when the caller did not.
 * A text that shows formats of two platforms names none (`unknown`): never guess.
 *
 * Deliberately NOT here: the long cronet format (`errcode:… cronet_error_code:… error_msg:net::…`)
 * and a bare `net::ERR_…`, because WeChat on iOS uses cronet too since 8.0.3 (iPhones reported
 * `request:fail errcode:-202 … ERR_CERT_AUTHORITY_INVALID` and the long network-change text).
 */
import type { FormatPlatform } from './types';

export type PlatformFormat = { id: string; platform: FormatPlatform; pattern: RegExp };

const f = (id: string, platform: FormatPlatform, pattern: RegExp): PlatformFormat => ({
  id,
  platform,
  pattern,
});

export const PLATFORM_FORMATS: readonly PlatformFormat[] = [
  // Android: the short cronet format, the pre-cronet HttpURLConnection texts, Java exceptions.
  f('android-short-cronet', 'android', /-\d{1,3}:net::ERR_[A-Z]/),
  f(
    'android-java-exception',
    'android',
    /\bjavax?\.(?:net|io|security)\.|\b(?:android|libcore|okhttp3?|com\.android)\./,
  ),
  f('android-pre-cronet-texts', 'android', /ssl hand shake error|request unknow host error/i),
  f(
    'android-java-messages',
    'android',
    /trust anchor for certification path not found|unable to resolve host|no address associated with hostname|failed to connect to \S+ \(port \d+\)/i,
  ),
  // iOS: NSURL / CFNetwork / SecureTransport domains and Apple's "could not complete the operation".
  f(
    'ios-error-domains',
    'ios',
    /NSURLErrorDomain|kCFErrorDomainCFNetwork|kCFStreamError|NSURLError[A-Z]|kCFURLError[A-Z]|NSPOSIXErrorDomain/,
  ),
  f(
    'ios-operation-not-completed',
    'ios',
    /未能完成(?:该)?操作|The operation couldn.t be completed|無法完成(?:該)?操作/,
  ),
  // Devtools: its console and its own domain and TLS checks.
  f(
    'devtools-domain-list',
    'devtools',
    /不在以下.{0,40}合法域名列表|URL\s*域名不合法|TLS\s*版本必须大于等于/i,
  ),
  f('devtools-console-request', 'devtools', /^(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH)\s+\S+\s+net::ERR_/),
  f('devtools-console-websocket', 'devtools', /WebSocket connection to '[^']*' failed/),
  f('devtools-env-suffix', 'devtools', /\(env:\s*(?:Windows|macOS|Linux)\s*,\s*mp\s*,/i),
];

/** The platforms whose formats appear in the text (each at most once). */
export function platformsSeenIn(text: string): FormatPlatform[] {
  const seen: FormatPlatform[] = [];
  for (const format of PLATFORM_FORMATS) {
    if (seen.indexOf(format.platform) === -1 && format.pattern.test(text)) seen.push(format.platform);
  }
  return seen;
}
