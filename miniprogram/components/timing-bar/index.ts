/** The small timing bar of one attempt: the segments of view/timing.ts, already named in the reader's language. */
Component({
  properties: {
    /** Segment[] from view/timing.ts */
    segments: { type: Array, value: [] },
  },
});
