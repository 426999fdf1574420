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
 * one edit), capped: any result above `max` is reported as `max + 1`. O(len × (2·max+1)) work.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev.push(j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  const d = prev[b.length] ?? max + 1;
  return d > max ? max + 1 : d;
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
    const d = editDistance(token, word, max);
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
