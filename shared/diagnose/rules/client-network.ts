/**
 * Client-network family: the phone is offline, behind a failing proxy, or switched networks while
 * the request ran. Strongest when the outside probe reaches the server fine.
 */
import type { Kind } from '../../taxonomy/codes';
import { clientFailuresOf, outsideMissingLine } from '../client-guess';
import { finalHop, probeHealthy } from '../context';
import { clientAttemptLines, clientEnvLine, hopLine } from '../evidence';
import { candidate, type Candidate, type Rule } from '../rule';
import { clientNetworkTexts } from '../texts/client-network';

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
    const evidence = [...clientAttemptLines(failures), clientEnvLine(client)];
    const last = ctx.outside ? finalHop(ctx.outside) : null;
    if (outsideOk && last) evidence.push(hopLine(last, (ctx.outside?.doc.http?.hops.length ?? 1) - 1));
    const missing = outsideMissingLine(ctx);
    if (missing) evidence.push(missing);
    let confidence = outsideOk ? 0.9 : ctx.outside ? 0.5 : 0.7;
    // Only unreachable, with nothing else phone-side, is weaker: it can be the server's routing too.
    if (failures.every((f) => f.kind === 'address-unreachable')) confidence -= 0.2;
    if (networkNone) confidence += 0.05;
    const kinds = [...new Set(failures.map((f) => f.kind).filter((k): k is Kind => k !== null))];
    return [
      candidate(
        'client-network',
        Math.min(0.95, confidence),
        'client',
        evidence,
        clientNetworkTexts(kinds, outsideOk, networkNone),
      ),
    ];
  },
};

export const clientNetworkRules: Rule[] = [clientNetwork];
