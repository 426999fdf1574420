import { describe, expect, it } from 'vitest';
import { CAUSES, CERT_CAUSES, KINDS, PHASE_KINDS, PHASES, phaseOfKind } from './codes';

describe('taxonomy codes', () => {
  // Frozen lists: these codes are a public contract. The snapshot (__snapshots__/codes.test.ts.snap)
  // is the frozen copy: adding a code means updating it on purpose (`npx vitest run shared/taxonomy -u`,
  // the diff shows the new code in review); renaming or dropping one makes this test fail.
  it('keeps every phase with its kinds, and every cause, exactly as frozen', () => {
    expect({ phaseKinds: PHASE_KINDS, causes: CAUSES }).toMatchSnapshot();
  });

  it('has no duplicate codes and each kind belongs to one phase', () => {
    expect(new Set(KINDS).size).toBe(KINDS.length);
    expect(new Set(CAUSES).size).toBe(CAUSES.length);
    for (const kind of KINDS)
      expect((PHASE_KINDS[phaseOfKind(kind)] as readonly string[]).includes(kind)).toBe(true);
    expect(PHASES).toEqual(Object.keys(PHASE_KINDS));
  });

  it('names only causes about the certificate as certificate causes', () => {
    for (const cause of CERT_CAUSES) {
      expect(CAUSES).toContain(cause);
      expect(cause).toMatch(/^cert-/);
    }
    expect(CAUSES.filter((cause) => cause.startsWith('cert-'))).toEqual([...CERT_CAUSES]);
  });
});
