/**
 * Reads the domain-check probe's raw answer (`env.domainCheckRaw`: one wx.request to a `.invalid`
 * host that is in nobody's domain list and never resolves) with the classifier's kinds, so the phone,
 * the server and a re-diagnosis of an old report all decide the same way:
 *   - `not-in-domain-list` (any wording, any case, or errno 600002 alone) → `on`: WeChat refused it;
 *   - `name-not-resolved`, or any answer at all → `off`: the request left the phone unchecked;
 *   - anything else (timeout, no callback, an empty fail) → `unknown`.
 * Documents written before the raw answer was recorded keep their stored `domainCheck` reading.
 */
import type { ClientEnv, DomainCheckRaw } from '../observations/client';
import { classifyClientError } from './classify';

export type DomainCheck = ClientEnv['domainCheck'];

export function decideDomainCheck(raw: DomainCheckRaw, platform?: string): DomainCheck {
  if (raw.ok === true) return 'off';
  if (raw.noCallback === true) return 'unknown';
  const kind = classifyClientError({
    raw: typeof raw.errMsg === 'string' ? raw.errMsg : '',
    errno: raw.errno,
    platform,
    api: 'request',
  }).kind;
  if (kind === 'not-in-domain-list') return 'on';
  if (kind === 'name-not-resolved') return 'off';
  return 'unknown';
}

function isRaw(value: unknown): value is DomainCheckRaw {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** The domain-check reading of any client env, new (raw answer) or old (stored reading only). */
export function domainCheckOf(
  env: Pick<ClientEnv, 'domainCheck' | 'domainCheckRaw' | 'platform'>,
): DomainCheck {
  if (isRaw(env.domainCheckRaw)) return decideDomainCheck(env.domainCheckRaw, env.platform);
  return env.domainCheck === 'on' || env.domainCheck === 'off' ? env.domainCheck : 'unknown';
}

/**
 * True when this run had WeChat's TLS-version and certificate checks switched off too: devtools'
 * 「不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书」 turns all three off together, so
 * with the domain check seen off in devtools, TLS-version and certificate errors cannot show on this
 * run. (On a phone, `off` means debug mode, which the 2018 doc says skips the domain check; whether
 * it skips the TLS checks is not documented, so nothing is claimed there.)
 */
export function tlsChecksHidden(
  env: Pick<ClientEnv, 'domainCheck' | 'domainCheckRaw' | 'platform'>,
): boolean {
  return String(env.platform).toLowerCase() === 'devtools' && domainCheckOf(env) === 'off';
}

/** The document with `env.domainCheck` set to the reading of its raw answer (a copy; the input stays). */
export function withDomainCheckRead<T extends { env: ClientEnv }>(doc: T): T {
  const domainCheck = domainCheckOf(doc.env);
  return doc.env.domainCheck === domainCheck ? doc : { ...doc, env: { ...doc.env, domainCheck } };
}
