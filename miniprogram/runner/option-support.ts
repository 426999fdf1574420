/**
 * Which of the requested network-path options this base library and platform really apply. WeChat
 * drops an option it does not know without a word, so a run must record both what was asked and
 * what took effect, with the reason when they differ. Versions are from wechat-network-facts.md §2
 * (api-typings); `wx.canIUse` is asked too, because a client can lack what its version suggests.
 */
import type { NotApplied } from '../shared/observations/client';
import type { ClientApi } from '../shared/taxonomy/codes';
import type { RunConfig } from './run-config';

type Flag =
  | 'enableHttp2'
  | 'enableQuic'
  | 'enableCache'
  | 'enableHttpDNS'
  | 'forceCellularNetwork'
  | 'useHighPerformanceMode';
export type NetworkOptions = Pick<RunConfig, Flag | 'redirect'> & { enableProfile: boolean };

type Support = {
  /** base library version from which each API honours the option (absent: that API has no such option) */
  since: Partial<Record<ClientApi, string>>;
  /** the `wx.canIUse` schema that answers for wx.request */
  canIUse: string;
  /** platforms that accept the option but do not apply it */
  ignoredOn?: readonly string[];
};

/** devtools and PC WeChat (windows, mac) run requests through their own stacks: no HTTP/2, QUIC or profile. */
const DESKTOP = ['devtools', 'windows', 'mac'] as const;

export const OPTION_SUPPORT: Record<keyof NetworkOptions, Support> = {
  enableHttp2: {
    since: { request: '2.10.4', uploadFile: '2.10.4', downloadFile: '2.10.4' },
    canIUse: 'request.object.enableHttp2',
    ignoredOn: DESKTOP,
  },
  enableQuic: {
    since: { request: '2.10.4', uploadFile: '2.10.4', downloadFile: '2.10.4' },
    canIUse: 'request.object.enableQuic',
    ignoredOn: DESKTOP,
  },
  enableCache: { since: { request: '2.10.4' }, canIUse: 'request.object.enableCache' },
  enableHttpDNS: { since: { request: '2.19.1' }, canIUse: 'request.object.enableHttpDNS' },
  forceCellularNetwork: {
    since: { request: '2.21.0', connectSocket: '2.29.0' },
    canIUse: 'request.object.forceCellularNetwork',
  },
  useHighPerformanceMode: { since: { request: '3.3.3' }, canIUse: 'request.object.useHighPerformanceMode' },
  // PC WeChat always follows redirects (api-typings, RequestOption.redirect).
  redirect: {
    since: { request: '3.2.2' },
    canIUse: 'request.object.redirect',
    ignoredOn: ['windows', 'mac'],
  },
  // On by default on iOS and Android; the other platforms never fill `profile`.
  enableProfile: {
    since: { request: '2.10.4', uploadFile: '3.5.0', downloadFile: '2.10.4' },
    canIUse: 'request.object.enableProfile',
    ignoredOn: DESKTOP,
  },
};

/** -1, 0, 1; a version that is not dotted numbers compares as unknown (null). */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v) ? v.split('.').map(Number) : null);
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export type Host = { SDKVersion: string; platform: string; canIUse?: (schema: string) => boolean };

/** The host as wx describes it (canIUse guarded: it may be missing or throw on an odd client). */
export function currentHost(env: { SDKVersion: string; platform: string }): Host {
  const host: Host = { SDKVersion: env.SDKVersion, platform: env.platform.toLowerCase() };
  if (typeof wx.canIUse === 'function') {
    host.canIUse = (schema) => {
      try {
        return wx.canIUse(schema);
      } catch {
        return true;
      }
    };
  }
  return host;
}

/** The network options the run sets on each call, as configured (the document records them too). */
export function configuredNetworkOptions(config: RunConfig): Omit<NetworkOptions, 'enableProfile'> {
  return {
    enableHttp2: config.enableHttp2,
    enableQuic: config.enableQuic,
    enableCache: config.enableCache,
    enableHttpDNS: config.enableHttpDNS,
    forceCellularNetwork: config.forceCellularNetwork,
    useHighPerformanceMode: config.useHighPerformanceMode,
    redirect: config.redirect,
  };
}

export function requestedOptions(config: RunConfig): NetworkOptions {
  return {
    ...configuredNetworkOptions(config),
    // Not an option we set: WeChat fills `profile` by default where it can. Sockets have none.
    enableProfile: config.api !== 'connectSocket',
  };
}

/** Why one requested option does not take effect here, or null when it does. */
function whyNot(option: keyof NetworkOptions, api: ClientApi, host: Host): NotApplied | null {
  const support = OPTION_SUPPORT[option];
  const since = support.since[api];
  if (since === undefined) return { option, reason: 'not-for-this-api', detail: `${api} has no ${option}` };
  if (compareVersions(host.SDKVersion, since) === -1)
    return { option, reason: 'base-library-too-old', detail: `needs ${since}, have ${host.SDKVersion}` };
  if (support.ignoredOn?.includes(host.platform))
    return { option, reason: 'platform-ignores', detail: `${host.platform} does not apply it` };
  if (api === 'request' && host.canIUse && !host.canIUse(support.canIUse))
    return { option, reason: 'api-unsupported', detail: `wx.canIUse('${support.canIUse}') is false` };
  return null;
}

/** What the run asked for, what WeChat will apply here, and why each difference. */
export function resolveOptions(
  config: RunConfig,
  host: Host,
): { requested: NetworkOptions; applied: NetworkOptions; notApplied: NotApplied[] } {
  const requested = requestedOptions(config);
  const applied: NetworkOptions = { ...requested };
  const notApplied: NotApplied[] = [];
  for (const option of Object.keys(requested) as (keyof NetworkOptions)[]) {
    const asked = option === 'redirect' ? requested.redirect === 'manual' : requested[option] === true;
    if (!asked) continue;
    const reason = whyNot(option, config.api, host);
    if (!reason) continue;
    notApplied.push(reason);
    if (option === 'redirect') applied.redirect = 'follow';
    else applied[option] = false;
  }
  // High-performance mode does without HttpDNS (api-typings): asking for both gets only one.
  if (applied.useHighPerformanceMode && applied.enableHttpDNS) {
    applied.enableHttpDNS = false;
    notApplied.push({
      option: 'enableHttpDNS',
      reason: 'api-unsupported',
      detail: 'not with useHighPerformanceMode',
    });
  }
  return { requested, applied, notApplied };
}
