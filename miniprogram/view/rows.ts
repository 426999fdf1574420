/** A labelled line in one of the two side-by-side views; `tone` colours the value. */
export type Tone = '' | 'ok' | 'bad';
export type Row = { label: string; value: string; tone: Tone };

export function row(label: string, value: string, tone: Tone = ''): Row {
  return { label, value, tone };
}

/** Distinct values in first-seen order, e.g. the peer IPs of ten attempts. */
export function distinct(values: readonly (string | undefined)[]): string[] {
  const seen: string[] = [];
  for (const v of values) if (v !== undefined && v !== '' && !seen.includes(v)) seen.push(v);
  return seen;
}
