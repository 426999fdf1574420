/**
 * Active domain-check probe: one wx.request to a host that is in nobody's domain list and never
 * resolves. A client that enforces the list refuses the URL before any lookup; one that does not
 * (devtools "不校验合法域名", debug mode) sends it and fails at DNS. Only the raw answer is recorded
 * here: deciding on/off from it is `shared/classify/domain-check.ts`'s job (measuring code never
 * interprets), so the phone, the server and a re-diagnosis read the same words the same way.
 */
import type { ClientEnv, DomainCheckRaw } from '../shared/observations/client';
import { DOMAIN_CHECK_URL, LIMITS } from './limits';
import { copyRawResult } from './raw-result';

/**
 * The env fields the probe fills. `domainCheck` is `unknown` until the analysis reads `domainCheckRaw`
 * (the schema requires the field; old readers still find it). `domainCheckEvidence` and
 * `domainCheckErrno` repeat the raw words for readers of older documents.
 */
export type DomainCheckReading = Pick<ClientEnv, 'domainCheck' | 'domainCheckEvidence'> & {
  domainCheckRaw: DomainCheckRaw;
  domainCheckErrno?: number | null;
};

function reading(raw: DomainCheckRaw): DomainCheckReading {
  const out: DomainCheckReading = { domainCheck: 'unknown', domainCheckRaw: raw };
  if (raw.errMsg !== undefined) out.domainCheckEvidence = raw.errMsg;
  if (raw.errno !== undefined) out.domainCheckErrno = raw.errno;
  return out;
}

export function detectDomainCheck(): Promise<DomainCheckReading> {
  return new Promise((resolve) => {
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (raw: DomainCheckRaw) => {
      if (settled) return;
      settled = true;
      if (watchdog !== undefined) clearTimeout(watchdog);
      resolve(reading(raw));
    };
    const answer = (ok: boolean, res: unknown) => {
      const { errMsg, errno, statusCode } = copyRawResult(res);
      const raw: DomainCheckRaw = { ok };
      if (errMsg !== undefined) raw.errMsg = errMsg;
      if (errno !== undefined) raw.errno = errno;
      if (statusCode !== undefined) raw.statusCode = statusCode;
      finish(raw);
    };
    try {
      wx.request({
        url: DOMAIN_CHECK_URL,
        timeout: LIMITS.domainCheckTimeoutMs,
        dataType: 'text',
        success: (res) => answer(true, res),
        fail: (err) => answer(false, err),
      });
    } catch (error) {
      answer(false, { errMsg: error instanceof Error ? error.message : String(error) });
    }
    if (!settled)
      watchdog = setTimeout(
        () => finish({ ok: false, noCallback: true }),
        LIMITS.domainCheckTimeoutMs + LIMITS.watchdogGraceMs,
      );
  });
}
