/**
 * Intermittent family: some attempts pass and some fail, on the phone or in the probe's target-SNI
 * handshakes. Reported with the ratio; the engine ranks it right under the main cause it accompanies.
 */
import { variant } from '../context';
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
    let probe: string | null = null;
    const c = ctx.client;
    if (c && c.passes.length > 0 && c.failures.length > 0) {
      client = `${c.passes.length}/${c.attempts.length}`;
      evidence.push(clientRatioEvidence(c));
    }
    const outside = ctx.outside;
    const sni = outside ? variant(outside, 'sni-host') : null;
    if (outside && sni && sni.okCount > 0 && sni.okCount < sni.total) {
      probe = `${sni.okCount}/${sni.total}`;
      evidence.push(variantEvidence(outside, sni));
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
