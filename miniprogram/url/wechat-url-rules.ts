/**
 * Checks a URL the way WeChat's client will, before we spend attempts on it. Rules from
 * https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html (see
 * wechat-network-facts.md §1): https for request/uploadFile/downloadFile, wss for connectSocket; no IP
 * (except LAN IPs since base library 2.4.0) and no localhost; an https URL may carry a port only when
 * the domain-list entry has exactly that port (`:443` spelled out fails otherwise); wss allows all ports.
 * The URL is read with the shared URL reader the probe and the diagnosis use, and an IP host is placed
 * in the same address table the server's target policy refuses by (shared/url/address-ranges.ts).
 */
import { addressCategoryOf, type AddressCategory } from '../shared/url/address-ranges';
import { ipv4ToBytes, ipv6ToBytes } from '../shared/url/ip-bytes';
import { parseNumericHost } from '../shared/url/numeric-host';
import { parseUrl, type UrlFacts } from '../shared/url/parse';
import type { ClientApi } from '../shared/taxonomy/codes';

export const URL_PROBLEMS = [
  'empty',
  'whitespace',
  'malformed',
  'scheme-not-https',
  'scheme-not-wss',
  'ip-host',
  'lan-ip-host',
  'localhost',
  'forbidden-domain',
  'explicit-port',
  'explicit-default-port',
  'wss-port-80',
] as const;
export type UrlProblemCode = (typeof URL_PROBLEMS)[number];
export type UrlProblem = { code: UrlProblemCode; severity: 'error' | 'warn' };

/** The address category of an IP host (numeric tricks read as the fetch reads them); null for a name. */
export function ipHostCategory(url: UrlFacts): AddressCategory | null {
  const bytes =
    url.hostKind === 'ipv4'
      ? ipv4ToBytes(parseNumericHost(url.host)?.address ?? '')
      : url.hostKind === 'ipv6'
        ? ipv6ToBytes(url.host)
        : null;
  return bytes ? addressCategoryOf(bytes) : null;
}

/** A LAN IPv4 address spelled plainly: WeChat lets these through (private 10/8, 172.16/12, 192.168/16). */
function isLanIpv4(url: UrlFacts): boolean {
  return url.hostKind === 'ipv4' && url.numericHostForm === null && ipHostCategory(url) === 'private';
}

/** Domains WeChat refuses to list at all. */
const FORBIDDEN_DOMAINS = ['api.weixin.qq.com'];

export function checkWechatUrl(input: string, api: ClientApi): UrlProblem[] {
  if (input.length === 0) return [{ code: 'empty', severity: 'error' }];
  // Leading spaces reach WeChat as-is and fail ("downloadFile PRotocol must be http or https").
  if (/\s/.test(input)) return [{ code: 'whitespace', severity: 'error' }];
  const url = parseUrl(input);
  if (!url || (url.port !== null && (url.port < 1 || url.port > 65535)))
    return [{ code: 'malformed', severity: 'error' }];

  const problems: UrlProblem[] = [];
  const wantScheme = api === 'connectSocket' ? 'wss' : 'https';
  if (url.scheme !== wantScheme) {
    problems.push({ code: wantScheme === 'wss' ? 'scheme-not-wss' : 'scheme-not-https', severity: 'error' });
  }
  if (url.hostKind === 'localhost') {
    problems.push({ code: 'localhost', severity: 'error' });
  } else if (url.hostKind !== 'name') {
    // LAN IPs are allowed without the domain list since base library 2.4.0; the device's own and public IPs are not.
    problems.push(
      isLanIpv4(url) ? { code: 'lan-ip-host', severity: 'warn' } : { code: 'ip-host', severity: 'error' },
    );
  }
  if (FORBIDDEN_DOMAINS.includes(url.host)) problems.push({ code: 'forbidden-domain', severity: 'error' });

  if (url.explicitPort && url.port !== null) {
    if (url.scheme === 'wss') {
      // All wss ports are allowed, but port 80 speaks plain HTTP (perf-network doc).
      if (url.port === 80) problems.push({ code: 'wss-port-80', severity: 'warn' });
    } else if (url.port === 443) {
      problems.push({ code: 'explicit-default-port', severity: 'warn' });
    } else {
      problems.push({ code: 'explicit-port', severity: 'warn' });
    }
  }
  return problems;
}

export function hasBlockingProblem(problems: readonly UrlProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
