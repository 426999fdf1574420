/**
 * The timing bar of one attempt: the shared phase breakdown of WeChat's `profile`
 * (shared/present/phases.ts, the one definition the CLI and the web page draw too), as bar segments.
 * Only the phases that happened are drawn; the widths are this medium's own layout.
 */
import type { ClientProfile } from '../shared/observations/client';
import { happenedPhases, type ProfilePhaseId } from '../shared/present/phases';
import type { Lang } from '../shared/taxonomy/codes';

export type Segment = { name: ProfilePhaseId; label: string; ms: number; widthPct: number };

export function timingSegments(profile: ClientProfile | undefined, lang: Lang): Segment[] {
  if (!profile) return [];
  const phases = happenedPhases(profile, lang);
  const total = phases.reduce((sum, p) => sum + (p.durationMs ?? 0), 0);
  if (total <= 0) return [];
  return phases.map((p) => ({
    name: p.id,
    label: p.label,
    ms: p.durationMs ?? 0,
    widthPct: Math.max(2, Math.round(((p.durationMs ?? 0) / total) * 1000) / 10),
  }));
}
