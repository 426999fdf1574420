/**
 * URL family: what the URL itself breaks, before any packet is sent. WeChat allows only https (wss
 * for sockets) and refuses IP hosts and localhost. Read from the probe's parsed target and from the
 * client's URL; either view alone is enough.
 */
import type { Context } from '../context';
import type { Evidence } from '../../observations/evidence';
import { clientUrlEvidence, evidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { ipOrLocalhostTexts, notHttpsSchemeTexts } from '../texts/url';
import type { UrlFacts } from '../../url/parse';

type Seen = { facts: UrlFacts; cited: Evidence; raw: string };

function urlsSeen(ctx: Context): Seen[] {
  const seen: Seen[] = [];
  if (ctx.probe?.url) {
    const t = ctx.probe.url;
    seen.push({
      facts: t,
      raw: ctx.probe.doc.url,
      cited: evidence('probe-target', '/probe/target', {
        scheme: t.scheme,
        host: t.host,
        hostKind: t.hostKind,
        numericHostForm: t.numericHostForm ?? null,
      }),
    });
  }
  if (ctx.client?.url) {
    seen.push({
      facts: ctx.client.url,
      raw: ctx.client.doc.url,
      cited: clientUrlEvidence(ctx.client, { parsed: false, api: false }),
    });
  }
  return seen;
}

const notHttpsScheme: Rule = {
  id: 'url/not-https-scheme',
  family: 'url',
  evaluate(ctx): Candidate[] {
    // WeChat allows https:// (and wss:// for sockets) only: http, ws, ftp … are all refused.
    const plain = urlsSeen(ctx).filter((s) => s.facts.scheme !== 'https' && s.facts.scheme !== 'wss');
    const first = plain[0];
    if (!first) return [];
    return [
      candidate(
        'not-https',
        CALIBRATION['url/not-https-scheme'].scheme,
        'url',
        plain.map((s) => s.cited),
        notHttpsSchemeTexts(first.facts.scheme, first.raw),
      ),
    ];
  },
};

const ipOrLocalhost: Rule = {
  id: 'url/ip-or-localhost',
  family: 'url',
  evaluate(ctx): Candidate[] {
    const hits = urlsSeen(ctx).filter((s) => s.facts.hostKind !== 'name');
    const first = hits[0];
    if (!first) return [];
    return [
      candidate(
        'ip-or-localhost-url',
        CALIBRATION['url/ip-or-localhost'].host,
        'url',
        hits.map((s) => s.cited),
        ipOrLocalhostTexts(first.facts.host, first.facts.hostKind, first.facts.numericHostForm),
      ),
    ];
  },
};

export const urlRules: Rule[] = [notHttpsScheme, ipOrLocalhost];
