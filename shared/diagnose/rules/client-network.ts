/**
 * Client-network family: the phone is offline, behind a failing proxy, or switched networks while
 * the request ran. Strongest when the outside probe reaches the server fine.
 */
import { PHASE_KINDS, type Kind } from '../../taxonomy/codes';
import { clientFailuresOf, outsideMissingEvidence } from '../client-guess';
import { probeHealthy } from '../context';
import { clientAttemptEvidence, clientEnvEvidence, finalHopEvidence, evidence as piece } from '../evidence';
import { CALIBRATION } from '../calibration';
import type { Context } from '../context';
import { candidate, type Candidate, type Rule } from '../rule';
import { clientNetworkTexts, phoneContextTexts } from '../texts/client-network';

const PHONE_SIDE: readonly Kind[] = ['offline', 'proxy', 'network-changed', 'address-unreachable'];

const clientNetwork: Rule = {
  id: 'client-network/phone-side',
  family: 'client-network',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    const failures = clientFailuresOf(ctx, PHONE_SIDE);
    if (!client || failures.length === 0) return [];
    const outsideOk = probeHealthy(ctx.outside);
    const networkNone = String(client.doc.env.networkType).toLowerCase() === 'none';
    const evidence = [...clientAttemptEvidence(failures), clientEnvEvidence(client)];
    const last = ctx.outside ? finalHopEvidence(ctx.outside) : null;
    if (outsideOk && last) evidence.push(last);
    const missing = outsideMissingEvidence(ctx);
    if (missing) evidence.push(missing);
    const C = CALIBRATION['client-network/phone-side'];
    let confidence = outsideOk ? C.outsideOk : ctx.outside ? C.outsideProblem : C.noOutside;
    // Only unreachable, with nothing else phone-side, is weaker: it can be the server's routing too.
    if (failures.every((f) => f.kind === 'address-unreachable')) confidence -= C.onlyUnreachablePenalty;
    if (networkNone) confidence += C.networkNoneBonus;
    const kinds = [...new Set(failures.map((f) => f.kind).filter((k): k is Kind => k !== null))];
    return [
      candidate(
        'client-network',
        Math.min(C.max, confidence),
        'client',
        evidence,
        clientNetworkTexts(kinds, outsideOk, networkNone),
      ),
    ];
  },
};

/** TLS and certificate kinds a proxy on the phone produces when it intercepts or breaks HTTPS. */
const PROXY_KINDS: readonly Kind[] = [...PHASE_KINDS.tls, 'connection-reset', 'connection-closed'];

/** How close (ms) a failure must be to a network event to be put down to it. */
const EVENT_SLACK_MS = 2_000;

/** The failures that were running when the network changed, went away or turned weak. */
function failuresAtNetworkEvents(client: NonNullable<Context['client']>) {
  const events = (client.doc.networkEvents ?? []).filter(
    (e) => e.event === 'status' || (e.event === 'weak' && e.weakNet === true),
  );
  const hit = client.failures.filter((f) => {
    const start = f.attempt.startedAt;
    if (typeof start !== 'number') return false;
    const end = start + (typeof f.attempt.durationMs === 'number' ? f.attempt.durationMs : 0);
    return events.some((e) => e.at >= start - EVENT_SLACK_MS && e.at <= end + EVENT_SLACK_MS);
  });
  return { events, hit };
}

/**
 * The phone's own context explains its failures: the known-good control URL interleaved with the
 * target failed as well (this phone's network is bad, not the server), a system proxy was on
 * while TLS/certificate errors came that the outside probe does not see (the proxy's doing), or
 * the failures came while the network changed or was weak (wx.onNetworkStatusChange / WeakChange).
 */
const phoneContext: Rule = {
  id: 'client-network/phone-context',
  family: 'client-network',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    if (!client || client.failures.length === 0) return [];
    const C = CALIBRATION['client-network/phone-context'];
    const outsideOk = probeHealthy(ctx.outside);
    const out: Candidate[] = [];
    const controlFailures = client.control.filter((v) => !v.passed);
    if (client.control.length > 0 && controlFailures.length === client.control.length) {
      const evidence = [
        ...clientAttemptEvidence(client.failures),
        ...clientAttemptEvidence(controlFailures, 'client-control'),
      ];
      out.push(
        candidate(
          'client-network',
          outsideOk ? C.controlFailsOutsideOk : C.controlFails,
          'client',
          evidence,
          phoneContextTexts('control', outsideOk),
        ),
      );
    }
    const proxied = client.failures.filter((f) => f.kind !== null && PROXY_KINDS.includes(f.kind));
    if (client.doc.env.hasSystemProxy === true && proxied.length > 0 && (outsideOk || !ctx.outside)) {
      const evidence = [
        ...clientAttemptEvidence(proxied),
        piece('client-system-proxy', '/client/env/hasSystemProxy', { hasSystemProxy: true }),
      ];
      out.push(
        candidate(
          'client-network',
          outsideOk ? C.proxyOutsideOk : C.proxyOutsideUnseen,
          'client',
          evidence,
          phoneContextTexts('proxy', outsideOk),
        ),
      );
    }
    const { events, hit } = failuresAtNetworkEvents(client);
    if (hit.length > 0 && hit.length === client.failures.length) {
      const evidence = [
        ...clientAttemptEvidence(hit),
        piece('client-network-events', '/client/networkEvents', {
          events: events.map((e) => ({
            event: e.event,
            networkType: e.networkType ?? null,
            isConnected: e.isConnected ?? null,
            weakNet: e.weakNet ?? null,
          })),
        }),
      ];
      out.push(
        candidate(
          'client-network',
          C.networkEvents,
          'client',
          evidence,
          phoneContextTexts('network-events', outsideOk),
        ),
      );
    }
    return out;
  },
};

export const clientNetworkRules: Rule[] = [clientNetwork, phoneContext];
