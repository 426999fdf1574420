/**
 * Whether the mini-program is in the foreground, from `wx.onAppHide` / `wx.onAppShow`. WeChat fails a
 * request still running 5 s after the app went to the background (`interrupted`, errno 600003) and
 * refuses new ones until it is back, so a run pauses while hidden and marks what overlapped it.
 * The listeners live only as long as the run: `stop()` removes them with `wx.offAppHide/offAppShow`.
 */
import type { BackgroundSpan } from '../shared/observations/client';

export type AppVisibility = {
  readonly hidden: boolean;
  /** every background span seen so far, in order (the last one open while hidden) */
  readonly spans: BackgroundSpan[];
  /** resolves at once when visible, else when the app is shown again (or the watch stops) */
  whenVisible(): Promise<void>;
  /** called on every change: true = went to the background */
  onChange(listener: (hidden: boolean) => void): void;
  stop(): void;
};

export function watchAppVisibility(now: () => number = Date.now): AppVisibility {
  let hidden = false;
  const spans: BackgroundSpan[] = [];
  const listeners: ((hidden: boolean) => void)[] = [];
  let waiters: (() => void)[] = [];
  const release = () => {
    const ready = waiters;
    waiters = [];
    ready.forEach((fn) => fn());
  };
  const onHide = () => {
    if (hidden) return;
    hidden = true;
    spans.push({ hiddenAt: now() });
    listeners.forEach((fn) => fn(true));
  };
  const onShow = () => {
    if (!hidden) return;
    hidden = false;
    const open = spans[spans.length - 1];
    if (open) open.shownAt = now();
    listeners.forEach((fn) => fn(false));
    release();
  };
  // Older base libraries may lack the global listeners: then the run simply cannot pause.
  const can = typeof wx.onAppHide === 'function' && typeof wx.onAppShow === 'function';
  if (can) {
    wx.onAppHide(onHide);
    wx.onAppShow(onShow);
  }
  return {
    get hidden() {
      return hidden;
    },
    spans,
    whenVisible: () => (hidden ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    onChange: (listener) => void listeners.push(listener),
    stop() {
      if (can && typeof wx.offAppHide === 'function') wx.offAppHide(onHide);
      if (can && typeof wx.offAppShow === 'function') wx.offAppShow(onShow);
      hidden = false;
      release();
    },
  };
}
