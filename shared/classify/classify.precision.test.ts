// How often the classifier is right when it answers (precision) and how much it answers (recall), on
// the reported strings (testdata/errmsg-dev.jsonl), their hand-written drifted variants and negatives
// (testdata/variants.jsonl: each names its class of drift and the real string it comes from), and
// drift applied mechanically to every reported string. `unknown` is never wrong, only unanswered:
//   precision = right answers / answers (kind ≠ unknown)
//   recall    = right answers / cases whose expected kind is not unknown
// A wrong answer on a negative (expected unknown) counts against precision. The figures are printed.
//
// variants.jsonl, one JSON per line: `raw`, `errno`, the expected `phase`/`kind` (`unknown` for a
// negative), `strict` (false: a drift we do not promise to read, which may stay unknown but must not
// be answered wrongly), `drift` (its class), `from` (the real string it was derived from) and `source`
// (where that string is from: `corpus`, the errno table, or the rule's own examples).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isKind, phaseOfKind, type Kind } from '../taxonomy/codes';
import { classifyClientError } from './classify';

type Case = { raw: string; errno: number | null; phase: string; kind: string };
type Variant = Case & { strict: boolean; drift: string; from: string; source: string };

function jsonl<T>(name: string): T[] {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

const corpus = jsonl<Case>('errmsg-dev.jsonl');
const variants = jsonl<Variant>('variants.jsonl');

/** Drift classes applied to every reported string: none of them may change its class. */
const MECHANICAL_DRIFT: Record<string, (raw: string) => string> = {
  'full-width colons': (raw) => raw.replace(/:/g, '：'),
  'spaces around colons': (raw) => raw.replace(/:/g, ' : '),
  'doubled spaces': (raw) => raw.replace(/ /g, '  '),
  'upper case': (raw) => raw.toUpperCase(),
  'lower case': (raw) => raw.toLowerCase(),
  'wrapped in a fail result': (raw) => (/^\s*[[{]/.test(raw) ? raw : JSON.stringify({ errMsg: raw })),
  'trailing whitespace': (raw) => `${raw} \n`,
  'comma after fail': (raw) => raw.replace(/:fail /, ':fail, '),
};

/** One slip in a word, at position i: deletion, swap with the previous letter, doubling, substitution. */
function slipsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    const next = String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 1) % 26) + 97);
    out.push(word.slice(0, i) + word.slice(i + 1));
    if (i > 0) out.push(word.slice(0, i - 1) + c + word.charAt(i - 1) + word.slice(i + 1));
    out.push(word.slice(0, i) + c + word.slice(i));
    out.push(word.slice(0, i) + next + word.slice(i + 1));
  }
  return out;
}

/** Every reported string with one slip in one of its words of 4 letters or more. */
function slipped(): Case[] {
  const out: Case[] = [];
  for (const line of corpus) {
    const words = new Set(line.raw.match(/[A-Za-z]{4,}/g) ?? []);
    for (const word of words)
      for (const slip of slipsOf(word)) {
        const raw = line.raw.split(word).join(slip);
        if (raw !== line.raw) out.push({ ...line, raw });
      }
  }
  return out;
}

type Tally = { cases: number; known: number; answered: number; right: number; wrong: number };
const tallies = new Map<string, Tally>();

function score(set: string, c: Case): 'right' | 'unknown' | 'wrong' {
  const got = classifyClientError({ raw: c.raw, errno: c.errno });
  const t = tallies.get(set) ?? { cases: 0, known: 0, answered: 0, right: 0, wrong: 0 };
  tallies.set(set, t);
  t.cases++;
  if (c.kind !== 'unknown') t.known++;
  const right = got.kind === c.kind && got.phase === c.phase;
  if (got.kind !== 'unknown') {
    t.answered++;
    if (right) t.right++;
    else t.wrong++;
  }
  return right ? 'right' : got.kind === 'unknown' ? 'unknown' : 'wrong';
}

const precisionOf = (t: Tally) => (t.answered === 0 ? 1 : t.right / t.answered);
const recallOf = (t: Tally) => (t.known === 0 ? 1 : t.right / t.known);
const total = (): Tally => {
  const sum: Tally = { cases: 0, known: 0, answered: 0, right: 0, wrong: 0 };
  for (const t of tallies.values()) for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
  return sum;
};

afterAll(() => {
  const row = (name: string, t: Tally) =>
    `${name.padEnd(34)} ${String(t.cases).padStart(6)} ${String(t.answered).padStart(8)} ${String(t.wrong).padStart(6)}   ${precisionOf(t).toFixed(4)}   ${recallOf(t).toFixed(4)}`;
  const lines = [
    `${'classifier figures'.padEnd(34)} ${'cases'.padStart(6)} ${'answered'.padStart(8)} ${'wrong'.padStart(6)}   precision  recall`,
    ...[...tallies].map(([name, t]) => row(name, t)),
    row('all', total()),
  ];
  console.log(lines.join('\n'));
});

describe('variants.jsonl', () => {
  it('is well formed: real kinds in their phases, a drift class and the real string it comes from', () => {
    expect(variants.length).toBeGreaterThanOrEqual(100);
    for (const v of variants) {
      expect(isKind(v.kind), v.raw).toBe(true);
      expect(phaseOfKind(v.kind as Kind), v.raw).toBe(v.phase);
      expect(v.drift.trim(), v.raw).not.toBe('');
      expect(v.from.trim(), v.raw).not.toBe('');
      expect(v.source.trim(), v.raw).not.toBe('');
      expect(v.raw, 'a variant differs from its real string').not.toBe(v.from);
      // A negative must be held to `unknown`: it cannot be loose.
      if (v.kind === 'unknown') expect(v.strict, v.raw).toBe(true);
    }
    const negatives = variants.filter((v) => v.kind === 'unknown').length;
    expect(negatives).toBeGreaterThanOrEqual(20);
  });

  it.each(variants.map((v, i) => [i + 1, v.drift, v.raw.slice(0, 70), v] as const))(
    'line %i (%s) classifies as expected: %s',
    (_n, _drift, _short, v) => {
      const outcome = score('variants', v);
      // A loose variant (a drift we do not promise to read) may be unanswered, never wrong.
      if (v.strict) expect(outcome, `${v.raw} → expected ${v.phase}/${v.kind}`).toBe('right');
      else expect(outcome, `${v.raw} → expected ${v.phase}/${v.kind} or unknown`).not.toBe('wrong');
    },
  );
});

describe('the reported strings and drift applied to them', () => {
  it('classifies every reported string as the corpus expects', () => {
    for (const line of corpus) expect(score('corpus', line), line.raw).toBe('right');
  });

  it.each(Object.entries(MECHANICAL_DRIFT))('keeps every class under drift: %s', (name, drift) => {
    for (const line of corpus) {
      const raw = drift(line.raw);
      expect(score(`drift: ${name}`, { ...line, raw }), JSON.stringify(raw)).toBe('right');
    }
  });

  it('keeps precision ≥ 0.98 with one slip in any word, and still reads most of them', () => {
    const cases = slipped();
    expect(cases.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const c of cases) if (score('one slip in a word', c) === 'wrong') wrong.push(c.raw);
    const t = tallies.get('one slip in a word');
    expect(t).toBeDefined();
    if (!t) return;
    expect(precisionOf(t), wrong.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(recallOf(t)).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps precision ≥ 0.98 on everything it answers, over all sets', () => {
    const all = total();
    expect(all.cases).toBeGreaterThan(1000);
    expect(precisionOf(all)).toBeGreaterThanOrEqual(0.98);
  });
});
