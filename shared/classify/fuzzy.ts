/**
 * One typo in a long word, and no more: a Damerau-Levenshtein distance of at most 1, only to words
 * of 6 characters or more with no digit (`doain` → `domain`, never `rest` → `reset`), and only when
 * exactly one vocabulary word is nearest, so that a token one edit from two words (`canceld`:
 * `canceled` and `cancel`) is read as neither. Long Chromium names may carry two slips. Real words one edit from a vocabulary word belong in the
 * vocabulary themselves (families.ts DECOYS: `reused` is not `refused`), so they are read as what
 * they are. Short and numeric words are compared exactly: their near neighbours are other real words.
 */

/**
 * Damerau-Levenshtein distance (optimal string alignment: one transposition of neighbours counts as
 * one edit), capped: any result above `max` is reported as `max + 1`. Only the band |i - j| <= max is
 * computed (cells outside it are already above the cap): O(len × (2·max+1)) work.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const over = max + 1;
  if (Math.abs(la - lb) > max) return over;
  let prev2: number[] = new Array<number>(lb + 1).fill(over);
  let prev: number[] = new Array<number>(lb + 1).fill(over);
  let row: number[] = new Array<number>(lb + 1).fill(over);
  for (let j = 0; j <= Math.min(lb, max); j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    row.fill(over);
    if (i <= max) row[0] = i;
    let best = row[0] ?? over;
    const to = Math.min(lb, i + max);
    for (let j = Math.max(1, i - max); j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] ?? over) + 1, (row[j - 1] ?? over) + 1, (prev[j - 1] ?? over) + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        d = Math.min(d, (prev2[j - 2] ?? over) + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return over;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  const d = prev[lb] ?? over;
  return d > max ? over : d;
}

/**
 * editDistance(a, b, 1) <= 1 without the table: whatever the common prefix and suffix leave over must
 * be one substitution, insertion or deletion, or two neighbours swapped. Linear, no allocation: this
 * runs for every token against the vocabulary.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let p = 0;
  while (p < la && p < lb && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === la && p === lb) return true;
  let s = 0;
  while (s < la - p && s < lb - p && a.charCodeAt(la - 1 - s) === b.charCodeAt(lb - 1 - s)) s++;
  const restA = la - p - s;
  const restB = lb - p - s;
  if (restA <= 1 && restB <= 1) return true;
  return (
    restA === 2 &&
    restB === 2 &&
    a.charCodeAt(p) === b.charCodeAt(p + 1) &&
    a.charCodeAt(p + 1) === b.charCodeAt(p)
  );
}

const COUNTS = new Int16Array(128);

/**
 * A lower bound of editDistance: a substitution changes the letter counts by at most 2, an insertion
 * or deletion by 1, a swap not at all, so the distance is at least half their difference. Cheap, and
 * it rejects nearly every word before the table is needed.
 */
function countBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const k = a.charCodeAt(i) & 127;
    COUNTS[k] = (COUNTS[k] ?? 0) + 1;
  }
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i) & 127;
    COUNTS[k] = (COUNTS[k] ?? 0) - 1;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const k = a.charCodeAt(i) & 127;
    diff += Math.abs(COUNTS[k] ?? 0);
    COUNTS[k] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i) & 127;
    diff += Math.abs(COUNTS[k] ?? 0);
    COUNTS[k] = 0;
  }
  return Math.ceil(diff / 2);
}

/** Words shorter than this, or with a digit, must be matched exactly. */
export const FUZZY_MIN_LENGTH = 6;
const HAS_DIGIT = /\d/;

/** May `word` (a vocabulary word) be reached by one edit? Long and digit-free only. */
export function fuzzyAllowed(word: string): boolean {
  return word.length >= FUZZY_MIN_LENGTH && !HAS_DIGIT.test(word);
}

/** May `token` (from the text) be one edit away from a long word? (`doain` for `domain`.) */
function fuzzyCandidate(token: string): boolean {
  return token.length >= FUZZY_MIN_LENGTH - 1 && !HAS_DIGIT.test(token);
}

/**
 * The vocabulary word `token` stands for: itself when it is one, else the single nearest long word
 * within one edit (two for tokens of `twoEditsFrom` characters or more: a sparse vocabulary of long
 * names such as Chromium's, where two slips still leave one name nearest). `undefined` when short,
 * numeric, far, or as near two words.
 */
export function nearestWord(
  token: string,
  vocabulary: ReadonlySet<string>,
  twoEditsFrom = Infinity,
): string | undefined {
  if (vocabulary.has(token)) return token;
  if (!fuzzyCandidate(token)) return undefined;
  const max = token.length >= twoEditsFrom ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (const word of vocabulary) {
    if (Math.abs(word.length - token.length) > max) continue;
    const d = withinOneEdit(token, word)
      ? 1
      : max === 1 || countBound(token, word) > max
        ? max + 1
        : editDistance(token, word, max);
    if (d > max) continue;
    // A short word this close (`closes` is as near `close` as `closed`) is doubt, not a match.
    if (!fuzzyAllowed(word)) return undefined;
    if (d < bestDistance) {
      best = word;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}
