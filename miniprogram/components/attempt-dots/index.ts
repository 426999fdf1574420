/** A dot per attempt: grey while pending, green passed, amber answered with HTTP >= 400, red failed. */
export type DotState = 'pending' | 'ok' | 'http' | 'fail';
type Dot = { n: number; state: DotState };

Component({
  properties: {
    /** the state of each attempt, in attempt order */
    dots: { type: Array, value: [] as DotState[] },
  },
  // Keyed by attempt number (`wx:key="n"`): a list of bare strings has no field to key by.
  data: { items: [] as Dot[] },
  observers: {
    dots(dots: DotState[]) {
      this.setData({ items: dots.map((state, n) => ({ n, state })) });
    },
  },
});
