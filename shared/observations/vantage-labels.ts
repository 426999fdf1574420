/**
 * How a reader names the way a vantage came back: the diagnosis texts ("hk-2 没有应答") and the
 * presenters (the side-by-side vantages) both say it, so the words live once, beside the states,
 * where neither side has to import the other.
 */
import type { Localized } from '../taxonomy/codes';
import type { VantageState } from './vocabulary';

export const VANTAGE_STATE_LABELS = {
  answered: { zh: '已应答', en: 'answered' },
  'no-answer': { zh: '超时未应答', en: 'no answer in time' },
  failed: { zh: '探测出错', en: 'probe failed' },
} as const satisfies Record<VantageState, Localized>;
