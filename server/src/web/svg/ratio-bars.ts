/**
 * Success ratio per TLS variant as inline SVG: the green part of each bar is the share of attempts
 * that completed the handshake, with "ok/total" beside it. The ICP-filing signature (target SNI
 * mostly red, no-SNI and control SNI green) is visible at a glance.
 */
import { escapeHtml } from '../html';

export type RatioRow = { label: string; ok: number; total: number };

const WIDTH = 360;
const LABEL_W = 112;
const BAR_X = LABEL_W + 6;
const BAR_W = 180;
const ROW_H = 24;

export function ratioBarsSvg(rows: readonly RatioRow[], title: string): string {
  const height = rows.length * ROW_H + 4;
  const body = rows
    .map((row, i) => {
      const y = i * ROW_H + 2;
      const share = row.total > 0 ? row.ok / row.total : 0;
      const okW = share * BAR_W;
      const okRect =
        okW > 0
          ? `<rect class="rb-ok" x="${BAR_X}" y="${y + 4}" width="${okW.toFixed(1)}" height="${ROW_H - 8}"/>`
          : '';
      const failRect =
        row.total > 0 && okW < BAR_W
          ? `<rect class="rb-fail" x="${(BAR_X + okW).toFixed(1)}" y="${y + 4}" width="${(BAR_W - okW).toFixed(1)}" height="${ROW_H - 8}"/>`
          : '';
      const emptyRect =
        row.total === 0
          ? `<rect class="rb-none" x="${BAR_X}" y="${y + 4}" width="${BAR_W}" height="${ROW_H - 8}"/>`
          : '';
      return (
        `<text class="rb-label" x="${LABEL_W}" y="${y + 16}" text-anchor="end">${escapeHtml(row.label)}</text>` +
        okRect +
        failRect +
        emptyRect +
        `<text class="rb-value" x="${BAR_X + BAR_W + 6}" y="${y + 16}">${row.ok}/${row.total}</text>`
      );
    })
    .join('');
  return (
    `<svg class="ratio-bars" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${body}</svg>`
  );
}
