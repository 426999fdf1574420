/**
 * The timing bar of one attempt, from WeChat's `profile`: DNS, TCP, TLS, first byte, download.
 * `connectEnd` includes the TLS handshake (api-typings), so TCP is connect minus TLS. A phase whose
 * marks are missing or zero (reused connection, cache, high-performance mode) is left out.
 */
import type { ClientProfile } from '../shared/observations/client';

export const SEGMENTS = ['dns', 'tcp', 'tls', 'ttfb', 'download'] as const;
export type SegmentName = (typeof SEGMENTS)[number];
export type Segment = { name: SegmentName; ms: number; widthPct: number };

function span(start: number | undefined, end: number | undefined): number {
  return typeof start === 'number' && typeof end === 'number' && start > 0 && end >= start ? end - start : 0;
}

export function timingSegments(profile: ClientProfile | undefined): Segment[] {
  if (!profile) return [];
  const tls = span(profile.SSLconnectionStart, profile.SSLconnectionEnd);
  const durations: Record<SegmentName, number> = {
    dns: span(profile.domainLookUpStart, profile.domainLookUpEnd),
    tcp: Math.max(0, span(profile.connectStart, profile.connectEnd) - tls),
    tls,
    ttfb: span(profile.requestStart, profile.responseStart),
    download: span(profile.responseStart, profile.responseEnd),
  };
  const total = SEGMENTS.reduce((sum, name) => sum + durations[name], 0);
  if (total <= 0) return [];
  return SEGMENTS.filter((name) => durations[name] > 0).map((name) => ({
    name,
    ms: Math.round(durations[name]),
    widthPct: Math.max(2, Math.round((durations[name] / total) * 1000) / 10),
  }));
}
