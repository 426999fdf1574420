/**
 * Network changes during a run, as WeChat reports them: `wx.onNetworkStatusChange` (type, connected)
 * and `wx.onNetworkWeakChange` (weak network, base library 2.21.0+). A Wi-Fi/cellular switch fails
 * every running request on iOS ("network change, cancel all task"), so the diagnosis needs to know.
 * Listeners live as long as the run; `stop()` removes them.
 */
import type { NetworkEvent } from '../shared/observations/client';

export const MAX_NETWORK_EVENTS = 200;

export type NetworkWatch = { readonly events: NetworkEvent[]; stop(): void };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function watchNetwork(now: () => number = Date.now): NetworkWatch {
  const events: NetworkEvent[] = [];
  const push = (event: NetworkEvent) => {
    if (events.length < MAX_NETWORK_EVENTS) events.push(event);
  };
  const onStatus = (res: unknown) => {
    const r = record(res);
    const event: NetworkEvent = { at: now(), event: 'status' };
    if (typeof r.isConnected === 'boolean') event.isConnected = r.isConnected;
    if (typeof r.networkType === 'string') event.networkType = r.networkType.slice(0, 32);
    push(event);
  };
  const onWeak = (res: unknown) => {
    const r = record(res);
    const event: NetworkEvent = { at: now(), event: 'weak' };
    if (typeof r.weakNet === 'boolean') event.weakNet = r.weakNet;
    if (typeof r.networkType === 'string') event.networkType = r.networkType.slice(0, 32);
    push(event);
  };
  const has = (name: string) => typeof (wx as unknown as Record<string, unknown>)[name] === 'function';
  if (has('onNetworkStatusChange')) wx.onNetworkStatusChange(onStatus);
  if (has('onNetworkWeakChange')) wx.onNetworkWeakChange(onWeak);
  return {
    events,
    stop() {
      if (has('offNetworkStatusChange')) wx.offNetworkStatusChange(onStatus);
      if (has('offNetworkWeakChange')) wx.offNetworkWeakChange(onWeak);
    },
  };
}
