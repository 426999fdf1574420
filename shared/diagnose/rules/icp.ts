/**
 * ICP family: `icp-filing-block`. The signature is differential: on one address, the handshake that
 * names the domain (SNI) is mostly reset right after the ClientHello with no server byte, while the
 * no-SNI and control-SNI handshakes complete. A provider block page on the plain-HTTP check (Alibaba
 * Cloud 403 "Beaver" / Tencent Cloud 302 to webblock) is the same filter keyed on the Host header.
 * A reset for every SNI is tls-reset (rules/tls.ts); a FIN or an alert is the server talking, not ICP.
 * The differential must be significant (differential.ts): the target's silent resets (or drops)
 * against those of the handshakes that do not name the domain (no SNI, control SNI). The split
 * ClientHello names the domain too: a filter that reassembles segments cuts it as well, so it is
 * no control; it is compared on its own (it completing where the target fails is the DPI's blind spot).
 */
import type { TlsVariant } from '../../observations/probe';
import { clientGuess } from '../client-guess';
import { checkedPort, measuredVariants, okRatio, variant, type ProbeFacts } from '../context';
import { beyondChance, variantDifferential } from '../differential';
import type { Evidence } from '../../observations/evidence';
import {
  differentialEvidence,
  header,
  hopEvidence,
  port80Evidence,
  variantEvidence,
  versionEvidence,
} from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { icpTexts, type BlockPage, type IcpFacts, type Ratio } from '../texts/icp';
import { countOf } from '../tls-signature';
import { tlsView } from './tls';

const ALIYUN_MARKERS = /Non-compliance ICP Filing|beian-block|备案状态不符合访问要求/i;
const TENCENT_LOCATION = /dnspod\.qcloud\.com\/static\/webblock\.html/i;

function pageKind(
  status: number | null,
  server: string | null,
  location: string | null,
  text: string,
): BlockPage | null {
  if (
    status === 403 &&
    (ALIYUN_MARKERS.test(text) || (server !== null && /beaver/i.test(server) && /ICP|备案/.test(text)))
  )
    return 'aliyun';
  if (
    status !== null &&
    status >= 300 &&
    status < 400 &&
    location !== null &&
    TENCENT_LOCATION.test(location)
  )
    return 'tencent';
  return null;
}

/** A provider block page on the port-80 check or on any HTTP hop. */
export function findBlockPage(p: ProbeFacts): { kind: BlockPage; evidence: Evidence } | null {
  const p80 = p.doc.port80;
  if (p80) {
    const kind = pageKind(p80.statusCode, p80.server, p80.location, `${p80.title ?? ''} ${p80.bodySample}`);
    const evidence = kind ? port80Evidence(p, false) : null;
    if (kind && evidence) return { kind, evidence };
  }
  const hops = p.doc.http?.hops ?? [];
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i];
    if (!hop) continue;
    const kind = pageKind(
      hop.statusCode,
      header(hop.headers, 'server'),
      header(hop.headers, 'location'),
      hop.bodySample,
    );
    if (kind) return { kind, evidence: hopEvidence(hop, i) };
  }
  return null;
}

function ratio(v: TlsVariant | null): Ratio | null {
  if (!v) return null;
  const answered = okRatio(v) < 0.7 && serverAnswers(v);
  return answered ? { ok: v.okCount, total: v.total, answered } : { ok: v.okCount, total: v.total };
}

/** Most attempts ended in a RST before any server byte. */
function silentlyReset(v: TlsVariant): boolean {
  return v.total > 0 && countOf(v.attempts, 'rst-silent') / v.total >= 0.5;
}

/** Most attempts got bytes from the server (a handshake or an alert): the server talks TLS here. */
function serverAnswers(v: TlsVariant): boolean {
  return v.total > 0 && v.attempts.filter((a) => a.ok || a.serverBytes > 0).length / v.total >= 0.7;
}

function silentlyDropped(v: TlsVariant): boolean {
  return v.total > 0 && okRatio(v) < 0.5 && countOf(v.attempts, 'timeout') / v.total >= 0.5;
}

const icpFilingBlock: Rule = {
  id: 'icp/filing-block',
  family: 'icp',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['icp/filing-block'];
    const p = ctx.outside;
    const host = ctx.probe?.url?.host ?? ctx.client?.url?.host ?? '?';
    if (!p) {
      return clientGuess(ctx, ['connection-reset'], 'icp-filing-block', 'missing', C.guess, () =>
        icpTexts(emptyFacts(host, 'client-only', checkedPort(ctx))),
      );
    }
    const sni = variant(p, 'sni-host');
    const noSni = variant(p, 'no-sni');
    const control = variant(p, 'control-sni');
    const split = variant(p, 'split-hello');
    const controlsOk = [noSni, control].filter((v): v is TlsVariant => v !== null && okRatio(v) >= 0.7);
    const controlsMeasured = [noSni, control].filter((v) => v !== null).length;
    // A server that refuses an unknown SNI or no SNI with an alert still talks TLS on this address:
    // only the target name meets a silent reset.
    const controlsAnswered = [noSni, control].filter((v): v is TlsVariant => v !== null && serverAnswers(v));
    const page = findBlockPage(p);
    const controls = [noSni, control].filter((v): v is TlsVariant => v !== null);
    const reset = sni && silentlyReset(sni) ? variantDifferential([sni], controls, 'silent-reset') : null;
    const drop = sni && silentlyDropped(sni) ? variantDifferential([sni], controls, 'silent-drop') : null;

    let mode: IcpFacts['mode'] | null = null;
    let confidence = 0;
    if (beyondChance(reset) && controlsOk.length > 0) {
      mode = 'tls';
      confidence = controlsOk.length >= 2 ? C.resetBothControlsOk : C.resetOneControlOk;
    } else if (beyondChance(reset) && controlsAnswered.length > 0) {
      mode = 'tls';
      confidence = C.resetControlsAnswered;
    } else if (sni && silentlyReset(sni) && controlsMeasured === 0) {
      mode = 'uncontrolled';
      confidence = C.resetUncontrolled;
    } else if (beyondChance(drop) && controlsOk.length > 0) {
      mode = 'drop';
      confidence = C.dropControlsOk;
    } else if (page) {
      mode = 'page-only';
      confidence = C.blockPageOnly;
    }
    if (mode === null) {
      return clientGuess(ctx, ['connection-reset'], 'icp-filing-block', tlsView(ctx), C.guess, () =>
        icpTexts(emptyFacts(host, 'client-only', checkedPort(ctx))),
      );
    }
    if (page && mode !== 'page-only') confidence += C.blockPageBonus;
    if (sni && sni.total < 3) confidence -= C.fewAttemptsPenalty;

    const splitTest = split && sni ? variantDifferential([sni], [split], 'failed') : null;
    const splitDiffers = split && beyondChance(splitTest) ? ratio(split) : null;
    const facts: IcpFacts = {
      host,
      address: p.doc.tls?.address ?? p.doc.policy?.pinned ?? '?',
      port: checkedPort(ctx),
      httpPort: httpPortOf(p),
      mode,
      target: mode === 'page-only' ? null : ratio(sni),
      noSni: mode === 'page-only' ? null : ratio(noSni),
      control:
        mode === 'page-only' || !control
          ? null
          : { ...(ratio(control) ?? { ok: control.okCount, total: control.total }), sni: control.sni },
      splitDiffers: mode === 'page-only' ? null : splitDiffers,
      blockPage: page?.kind ?? null,
    };
    const evidence = measuredVariants(p).map((v) => variantEvidence(p, v));
    evidence.push(...versionEvidence(p));
    // the test behind the accusation, or the one that fell short of it beside a block page
    const test = mode === 'drop' ? drop : reset;
    if (test && mode !== 'uncontrolled') evidence.push(differentialEvidence(test));
    if (splitDiffers && splitTest) evidence.push(differentialEvidence(splitTest));
    if (page) evidence.push(page.evidence);
    const found = candidate(
      'icp-filing-block',
      Math.min(C.max, confidence),
      'probe',
      evidence,
      icpTexts(facts),
    );
    // A filter that drops instead of resetting shows on the phone as a timeout.
    return [mode === 'drop' ? { ...found, clientKinds: ['timeout', 'connection-timeout'] } : found];
  },
};

/** The plain-HTTP port the probe looked for a block page on (80 unless --http-port said otherwise). */
function httpPortOf(p: ProbeFacts): number {
  const port = (p.doc.options as { httpPort?: unknown }).httpPort;
  return typeof port === 'number' ? port : 80;
}

function emptyFacts(host: string, mode: IcpFacts['mode'], port: number | null): IcpFacts {
  return {
    host,
    address: '?',
    port,
    httpPort: null,
    mode,
    target: null,
    noSni: null,
    control: null,
    splitDiffers: null,
    blockPage: null,
  };
}

export const icpRules: Rule[] = [icpFilingBlock];
