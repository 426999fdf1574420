/**
 * Active domain-check detection: one wx.request to a host that is in nobody's domain list and never
 * resolves. If the client enforces the list it refuses the URL before any lookup
 * (`url not in domain list`, errno 600002; devtools: `不在以下 request 合法域名列表中`); if it does not
 * (devtools "不校验合法域名", debug mode) the request goes out and fails at DNS. The decision is a small
 * exact check on WeChat's raw words, kept here on purpose: measuring code does not use the classifier.
 */
import type { ClientEnv } from '../shared/observations/client';
import { DOMAIN_CHECK_URL, LIMITS } from './limits';
import { copyRawResult } from './raw-result';

export type DomainCheck = ClientEnv['domainCheck'];
export type DomainCheckReading = Pick<ClientEnv, 'domainCheck' | 'domainCheckEvidence'> & {
  domainCheckErrno?: number | null;
};

/** Texts WeChat uses when it refuses a URL that is not in the domain list. */
const REFUSED_MARKERS = ['url not in domain list', '合法域名列表中', 'URL 域名不合法'];
const NOT_IN_LIST_ERRNO = 600002;

/** Texts of a failed name lookup: Chromium/cronet, old Android, iOS (zh/en), Node in devtools. */
const NOT_RESOLVED_MARKERS = [
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'unknow host',
  'unknown host',
  'ENOTFOUND',
  'EAI_AGAIN',
  'getaddrinfo',
  '未能找到使用指定主机名的服务器',
  'hostname could not be found',
];

export function domainCheckFrom(result: {
  ok: boolean;
  errMsg?: string;
  errno?: number | null;
}): DomainCheck {
  const raw = result.errMsg ?? '';
  if (result.errno === NOT_IN_LIST_ERRNO || REFUSED_MARKERS.some((m) => raw.includes(m))) return 'on';
  // An answer of any kind means the request left the phone: nothing checked the list.
  if (result.ok || NOT_RESOLVED_MARKERS.some((m) => raw.includes(m))) return 'off';
  return 'unknown';
}

export function detectDomainCheck(): Promise<DomainCheckReading> {
  return new Promise((resolve) => {
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (ok: boolean, res: unknown) => {
      if (settled) return;
      settled = true;
      if (watchdog !== undefined) clearTimeout(watchdog);
      const raw = copyRawResult(res);
      const reading: DomainCheckReading = { domainCheck: domainCheckFrom({ ok, ...raw }) };
      if (raw.errMsg !== undefined) reading.domainCheckEvidence = raw.errMsg;
      if (raw.errno !== undefined) reading.domainCheckErrno = raw.errno;
      resolve(reading);
    };
    try {
      wx.request({
        url: DOMAIN_CHECK_URL,
        timeout: LIMITS.domainCheckTimeoutMs,
        dataType: 'text',
        success: (res) => finish(true, res),
        fail: (err) => finish(false, err),
      });
    } catch (error) {
      finish(false, { errMsg: error instanceof Error ? error.message : String(error) });
    }
    if (!settled)
      watchdog = setTimeout(() => finish(false, {}), LIMITS.domainCheckTimeoutMs + LIMITS.watchdogGraceMs);
  });
}
