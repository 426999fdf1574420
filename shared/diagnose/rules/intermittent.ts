/**
 * Intermittent family: some attempts pass and some fail, on the phone or in one of the probe's TLS
 * variants (the target SNI's first). Reported with the ratio; the engine ranks it right under the main
 * cause it accompanies.
 */
import { measuredVariants, variant } from '../context';
import type { Evidence } from '../../observations/evidence';
import { clientRatioEvidence, variantEvidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { intermittentTexts } from '../texts/client-network';

const intermittent: Rule = {
  id: 'intermittent/mixed-outcomes',
  family: 'intermittent',
  evaluate(ctx): Candidate[] {
    const evidence: Evidence[] = [];
    let client: string | null = null;
    let probe: { ratio: string; variant: string } | null = null;
    const c = ctx.client;
    if (c && c.passes.length > 0 && c.failures.length > 0) {
      client = `${c.passes.length}/${c.attempts.length}`;
      evidence.push(clientRatioEvidence(c));
    }
    const outside = ctx.outside;
    // The target SNI first; else any variant to the same address whose outcomes are mixed: resets
    // scattered over every connection may leave the target's ten handshakes clean by chance.
    const mixed = outside
      ? [variant(outside, 'sni-host'), ...measuredVariants(outside)].find(
          (v) => v !== null && v.okCount > 0 && v.okCount < v.total,
        )
      : undefined;
    if (outside && mixed) {
      probe = { ratio: `${mixed.okCount}/${mixed.total}`, variant: mixed.id };
      evidence.push(variantEvidence(outside, mixed));
    }
    if (evidence.length === 0) return [];
    return [
      candidate(
        'intermittent',
        CALIBRATION['intermittent/mixed-outcomes'].mixed,
        'client',
        evidence,
        intermittentTexts({ client, probe }),
      ),
    ];
  },
};

export const intermittentRules: Rule[] = [intermittent];
