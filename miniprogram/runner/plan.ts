/**
 * The attempts of one run, in the order they start. Without a matrix or a control URL this is just
 * `attempts` times the configured request. With a matrix, variants take turns (base, then each axis
 * switched on alone), so a network that changes during the run touches every variant alike; with a
 * control URL, one control attempt follows each round, so "the network was bad" and "the target was
 * bad" can be told apart. Only variants whose option WeChat applies here are planned.
 */
import type { NetworkOptions } from './option-support';
import { MATRIX_AXES, type MatrixAxis, type RunConfig } from './run-config';

export type Variant = { id: string; options: Partial<Record<MatrixAxis, boolean>> };
export type Slot = { index: number; config: RunConfig; variant?: string; target: 'target' | 'control' };

export const VARIANT_IDS: Record<MatrixAxis, string> = {
  enableHttp2: 'http2',
  enableQuic: 'quic',
  enableHttpDNS: 'httpdns',
  useHighPerformanceMode: 'high-performance',
};

/** Base (every matrix axis off) plus one variant per axis that is applied here. */
export function planVariants(config: RunConfig, applicable: (axis: MatrixAxis) => boolean): Variant[] {
  const axes = MATRIX_AXES.filter((axis) => config.matrix.includes(axis));
  if (axes.length === 0) return [];
  const off: Partial<Record<MatrixAxis, boolean>> = {};
  for (const axis of axes) off[axis] = false;
  return [
    { id: 'base', options: off },
    ...axes.filter(applicable).map((axis) => ({ id: VARIANT_IDS[axis], options: { ...off, [axis]: true } })),
  ];
}

/** Whether a matrix axis can take effect, from the applied options of the same config with it on. */
export function axisApplicable(resolve: (config: RunConfig) => NetworkOptions, config: RunConfig) {
  return (axis: MatrixAxis) => resolve({ ...config, [axis]: true })[axis] === true;
}

export function planSlots(config: RunConfig, variants: Variant[]): Slot[] {
  const slots: Slot[] = [];
  const rounds = variants.length > 0 ? variants : [null];
  const control: RunConfig | null =
    config.controlUrl === ''
      ? null
      : // The control is a plain GET: it checks the path, not the user's request.
        { ...config, url: config.controlUrl, method: 'GET', header: {}, body: '', redirect: 'follow' };
  let targets = 0;
  while (targets < config.attempts) {
    for (const variant of rounds) {
      if (targets >= config.attempts) break;
      targets += 1;
      const slot: Slot = {
        index: slots.length,
        config: { ...config, ...variant?.options },
        target: 'target',
      };
      if (variant) slot.variant = variant.id;
      slots.push(slot);
    }
    if (control) slots.push({ index: slots.length, config: control, target: 'control' });
  }
  return slots;
}
