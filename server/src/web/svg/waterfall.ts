/**
 * Timing waterfall as inline SVG: one row per phase (DNS, TCP, TLS, first byte…), each bar starting
 * where the phase started. Pure markup from numbers; CSS classes (wxprobe.css) give the colours, so
 * the page needs no inline styles (the CSP forbids them).
 */
import { escapeHtml } from '../html';

export type WaterfallRow = {
  label: string;
  /** ms from the start of the request */
  startMs: number;
  /** null: the phase never ran or was not measured */
  durationMs: number | null;
  state: 'ok' | 'error' | 'skipped';
};

const WIDTH = 360;
const LABEL_W = 84;
const BAR_X = LABEL_W + 4;
const BAR_W = 200;
const ROW_H = 22;
const TOP = 18;

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function waterfallSvg(rows: readonly WaterfallRow[], title: string): string {
  const spanMs = Math.max(1, ...rows.map((r) => r.startMs + (r.durationMs ?? 0)));
  const scale = (ms: number) => (ms / spanMs) * BAR_W;
  const height = TOP + rows.length * ROW_H + 4;
  const body = rows
    .map((row, i) => {
      const y = TOP + i * ROW_H;
      const label = `<text class="wf-label" x="${LABEL_W}" y="${y + 15}" text-anchor="end">${escapeHtml(row.label)}</text>`;
      if (row.durationMs === null) {
        return `${label}<text class="wf-value wf-none" x="${BAR_X}" y="${y + 15}">—</text>`;
      }
      const x = BAR_X + scale(row.startMs);
      const w = Math.max(2, scale(row.durationMs));
      return (
        `${label}<rect class="wf-bar wf-${row.state}" x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" rx="2"/>` +
        `<text class="wf-value" x="${(x + w + 4).toFixed(1)}" y="${y + 15}">${escapeHtml(formatMs(row.durationMs))}</text>`
      );
    })
    .join('');
  const axis =
    `<line class="wf-axis" x1="${BAR_X}" y1="${TOP - 2}" x2="${BAR_X + BAR_W}" y2="${TOP - 2}"/>` +
    `<text class="wf-tick" x="${BAR_X}" y="${TOP - 6}">0</text>` +
    `<text class="wf-tick" x="${BAR_X + BAR_W}" y="${TOP - 6}" text-anchor="end">${escapeHtml(formatMs(spanMs))}</text>`;
  return (
    `<svg class="waterfall" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${axis}${body}</svg>`
  );
}
