/**
 * The multi-address cases: one name, several addresses on the same port, one of them bad.
 * several-addresses: a second A record (127.77.1.<octet>) serving an expired certificate;
 * broken-aaaa: an AAAA record (::1) whose port resets right after the ClientHello. The port is
 * ephemeral on the case's own address first, then taken on the other address too (a few tries,
 * since another process may hold it there).
 */
import type net from 'node:net';
import type { CaseContext, RunningCase, StartedCase } from './case-servers';
import { LAB_IPV6_ADDRESS, SECOND_ADDRESS_PREFIX } from './manifest';
import { serve, type Stoppable } from './serving';

const BIND_TRIES = 5;

/** Servers for the good address and the bad one, made fresh for each try. */
export type AddressPair = { good: () => net.Server; bad: () => net.Server };

function otherAddress(ctx: CaseContext): string | null {
  if (ctx.name === 'broken-aaaa') return LAB_IPV6_ADDRESS;
  const octet = ctx.address.split('.').at(-1);
  return ctx.address.startsWith('127.77.0.') && octet ? `${SECOND_ADDRESS_PREFIX}${octet}` : null;
}

function skipped(reason: string): StartedCase {
  return {
    kind: 'skipped',
    reason: {
      zh: `无法为 ${reason} 准备第二个地址，跳过`,
      en: `no second address could be prepared (${reason}), skipped`,
    },
  };
}

export async function startAddressPair(ctx: CaseContext, pair: AddressPair): Promise<StartedCase> {
  const other = otherAddress(ctx);
  // one bound address for the whole lab (--host) leaves no second address to answer with
  if (other === null) return skipped(`${ctx.name} with a single lab address`);
  let lastError = '';
  for (let tries = 0; tries < BIND_TRIES; tries++) {
    const good = await serve(pair.good(), ctx.address, ctx.port);
    let bad: Stoppable;
    try {
      bad = await serve(pair.bad(), other, good.port);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await good.stop();
      // a fixed port (443) taken on the other address will not free itself
      if (ctx.port !== 0) break;
      continue;
    }
    const running: RunningCase = {
      kind: 'running',
      port: good.port,
      httpPort: null,
      extraAddresses: [other],
      stop: async () => {
        await Promise.all([good.stop(), bad.stop()]);
      },
    };
    return running;
  }
  return skipped(`${other}: ${lastError}`);
}
