// docs/taxonomy.md is the public contract users read; codes.ts is what the code speaks. Every code
// must stand in both, in the same phase, so neither can gain or lose a word alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAUSES, PHASE_KINDS, PHASES } from './codes';

const doc = readFileSync(new URL('../../docs/taxonomy.md', import.meta.url), 'utf8');

/** The table rows of one section: each row's cells with backticks stripped. */
function rows(section: string): string[][] {
  const start = doc.indexOf(section);
  const end = doc.indexOf('\n## ', start + section.length);
  return doc
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
    );
}

describe('docs/taxonomy.md', () => {
  it('lists exactly the phases and kinds of codes.ts, each kind in its phase', () => {
    const documented = rows('## 1.').map(([phase, kind]) => `${phase}/${kind}`);
    const coded = PHASES.flatMap((phase) => PHASE_KINDS[phase].map((kind) => `${phase}/${kind}`));
    expect([...documented].sort()).toEqual([...coded].sort());
  });

  it('lists exactly the causes of codes.ts', () => {
    const documented = rows('## 2.').map(([cause]) => cause);
    expect([...documented].sort()).toEqual([...CAUSES].sort());
  });
});
