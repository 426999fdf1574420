/**
 * Normalisation before matching, and the word tokens the phrase families read (families.ts).
 *
 * Real errMsg strings drift: full-width or look-alike punctuation typed or pasted on a Chinese
 * keyboard (extract.ts already applies NFKC, which folds `：` and `，`), spaces around colons
 * (`request : fail`, `errcode : -101`, `net :: ERR_…`), runs of spaces, zero-width characters, curly
 * apostrophes, and the `api:fail` prefix written `: fail,` or `fail:`. normaliseText folds
 * those into the one form the code tables and text rules expect. It never removes a word, so every
 * exact rule still sees what it saw before (the corpus test holds every reported string to its class).
 *
 * Regexes avoid lookbehind, named groups and the `s`/`u` flags (older iOS WeChat engines lack them).
 */

/** Look-alikes NFKC leaves alone: the ratio sign for a colon, curly apostrophes. */
const LOOK_ALIKES: Record<string, string> = { '\u2236': ':', '\u2018': "'", '\u2019': "'" };
const LOOK_ALIKE = /[\u2236\u2018\u2019]/g;
// Zero-width space/joiners, BOM and soft hyphen split words without showing.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[ \t\u00a0\u3000]+/g;
// Spaces around a colon (`errcode : -101`, `net :: ERR_X`), never across a line break.
const SPACED_COLON = / ?(::?) ?/g;
// `request:fail:timeout`, `request:fail,timeout` → one `api:fail ` form (the API keeps its case).
// `:failed` is left alone: in `SocketTimeoutException: failed to connect` the word is the message.
const API_FAIL = /\b([A-Za-z][A-Za-z0-9_]{0,39}):fail\b[:,]? ?/gi;

export function normaliseText(text: string): string {
  if (text === '') return text;
  return text
    .replace(INVISIBLE, '')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c)
    .replace(SPACES, ' ')
    .replace(SPACED_COLON, '$1')
    .replace(API_FAIL, (_m, api: string) => `${api}:fail `);
}

/** At most this many tokens are looked at: the decisive words are near the start. */
const MAX_TOKENS = 96;
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Lower-case word tokens (ASCII letters and digits; `doesn't` stays one token, `_` splits). */
export function tokensOf(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < MAX_TOKENS && (m = TOKEN.exec(lower)) !== null) out.push(m[0]);
  return out;
}
