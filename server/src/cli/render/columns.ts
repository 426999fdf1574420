/**
 * Column widths for the text report: `string-width` (CJK and full-width characters take two columns,
 * ANSI colours none). Its own module, apart from style.ts's colours, because loading string-width
 * costs ~100 ms here (its grapheme segmenter and emoji regular expressions are built at import):
 * `wxprobe probe --json` / `--raw` never print a table and never load it.
 */
import stringWidth from 'string-width';

/** Columns a terminal gives the text. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** A plain table: columns padded to their widest cell (CJK aware). */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows
    .map(
      (row) =>
        indent +
        row.map((cell, i) => (i === row.length - 1 ? cell : padEnd(cell, widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}
