/**
 * Domain-list family. `domain-not-in-list`: the client itself says the URL is not in the
 * mini-program's server-domain list (errno 600002, "url not in domain list", devtools
 * "不在以下 request 合法域名列表中"); we name the rule the URL visibly breaks. `domain-check-bypassed`:
 * the client ran with the checks off, so its passes prove nothing for the release build.
 */
import { finalHop, probeHealthy, type Context } from '../context';
import type { Evidence } from '../../observations/evidence';
import {
  clientAttemptEvidence,
  clientEnvEvidence,
  clientRatioEvidence,
  clientUrlEvidence,
  clip,
  evidence as piece,
  header,
  hopEvidence,
} from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { domainCheckBypassedTexts, domainNotInListTexts, type Violation } from '../texts/domain-list';
import { resolveLocation } from '../../url/location';
import { parseUrl } from '../../url/parse';

const DOC_HOST = /(^|\.)weixin\.qq\.com$/;
const URL_IN_TEXT = /\b(?:https?|wss?):\/\/[^\s"'，,]+/gi;

/** Redirect targets on another host, from the probe's hops. */
function redirectHosts(ctx: Context, host: string): { hosts: string[]; evidence: Evidence[] } {
  const hops = ctx.probe?.doc.http?.hops ?? [];
  const hosts: string[] = [];
  const evidence: Evidence[] = [];
  hops.forEach((hop, i) => {
    const location = header(hop.headers, 'location');
    if (!location || hop.statusCode === null || hop.statusCode < 300 || hop.statusCode >= 400) return;
    const target = parseUrl(resolveLocation(hop.url, location));
    if (target && target.host !== host && !hosts.includes(target.host)) {
      hosts.push(target.host);
      evidence.push(hopEvidence(hop, i));
    }
  });
  return { hosts, evidence };
}

const notInList: Rule = {
  id: 'domain-list/not-in-list',
  family: 'domain-list',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    if (!client) return [];
    const refused = client.failures.filter((f) => f.kind === 'not-in-domain-list');
    if (refused.length === 0) return [];
    const url = client.url ?? ctx.probe?.url ?? null;
    const host = url?.host ?? '?';
    const evidence = [clientRatioEvidence(client), ...clientAttemptEvidence(refused)];
    const violations: Violation[] = [];
    if (url) {
      if (client.url) evidence.push(clientUrlEvidence(client, { parsed: true, api: false }));
      if (url.scheme !== 'https' && url.scheme !== 'wss')
        violations.push({ rule: 'scheme', scheme: url.scheme });
      if (url.hostKind !== 'name') violations.push({ rule: 'ip', host: url.host });
      if (url.explicitPort && url.port === 443 && (url.scheme === 'https' || url.scheme === 'wss'))
        violations.push({ rule: 'port-443' });
      else if (url.explicitPort && url.port !== null) violations.push({ rule: 'port', port: url.port });
    }
    const redirects = redirectHosts(ctx, host);
    for (const h of redirects.hosts) violations.push({ rule: 'redirect', host: h });
    evidence.push(...redirects.evidence);
    const named = new Set<string>();
    for (const f of refused) {
      for (const m of (f.attempt.errMsg ?? '').match(URL_IN_TEXT) ?? []) {
        const other = parseUrl(m);
        // Devtools messages end with a link to WeChat's own documentation: not a refused host.
        if (
          other &&
          other.host !== host &&
          !DOC_HOST.test(other.host) &&
          !redirects.hosts.includes(other.host)
        )
          named.add(other.host);
      }
    }
    for (const h of named) violations.push({ rule: 'other-host', host: h });

    const outsideOk = probeHealthy(ctx.outside);
    const last = ctx.outside ? finalHop(ctx.outside) : null;
    const hops = ctx.outside?.doc.http?.hops ?? [];
    if (outsideOk && last) evidence.push(hopEvidence(last, hops.length - 1));
    const mixed = client.passes.length > 0;
    // An IP host or a plain-http URL is the root cause; the URL family names it with more weight.
    const urlRuleBroken = violations.some((v) => v.rule === 'ip' || v.rule === 'scheme');
    const C = CALIBRATION['domain-list/not-in-list'];
    const confidence = mixed
      ? C.mixed
      : urlRuleBroken
        ? C.urlRuleBroken
        : outsideOk
          ? C.outsideOk
          : C.otherwise;
    return [
      candidate(
        'domain-not-in-list',
        confidence,
        'client',
        evidence,
        domainNotInListTexts({ host, api: client.doc.api, violations, outsideOk, mixed }),
      ),
    ];
  },
};

const checkBypassed: Rule = {
  id: 'domain-list/check-bypassed',
  family: 'domain-list',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    if (!client || client.bypass === null) return [];
    const passed = client.passes.length > 0;
    // Checks off with nothing passing: still worth saying, but the failures are the main story.
    const C = CALIBRATION['domain-list/check-bypassed'];
    const confidence =
      client.bypass === 'off'
        ? passed
          ? C.offPassed
          : C.offNothingPassed
        : passed
          ? C.debugPassed
          : C.debugNothingPassed;
    const evidence = [clientEnvEvidence(client), clientRatioEvidence(client)];
    const detection = client.doc.env.domainCheckEvidence;
    if (typeof detection === 'string' && detection !== '')
      evidence.push(
        piece('client-domain-check-evidence', '/client/env/domainCheckEvidence', { text: clip(detection) }),
      );
    return [
      candidate(
        'domain-check-bypassed',
        confidence,
        'client',
        evidence,
        domainCheckBypassedTexts(client.bypass, passed),
      ),
    ];
  },
};

export const domainListRules: Rule[] = [notInList, checkBypassed];
