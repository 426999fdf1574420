/** A dot per attempt: grey while pending, green passed, amber answered with HTTP >= 400, red failed. */
Component({
  properties: {
    /** one of 'pending' | 'ok' | 'http' | 'fail' per attempt */
    dots: { type: Array, value: [] as string[] },
  },
});
