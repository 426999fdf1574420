/**
 * The import rules that keep the architecture honest, checked by running ESLint itself on small
 * snippets placed (virtually) in each part of the tree.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('measuring code never imports the classifier or the diagnosis', async () => {
    const imports = [
      "import { diagnose } from '../../../shared/diagnose/diagnose';\nexport const d = diagnose;\n",
      "import { classifyClientError } from '../../../shared/classify/classify';\nexport const c = classifyClientError;\n",
    ];
    for (const code of imports) {
      expect(await ruleIdsFor(code, 'server/src/probe/new-step.ts')).toContain('no-restricted-imports');
      expect(await ruleIdsFor(code.replace('../../../', '../'), 'miniprogram/runner/new-step.ts')).toContain(
        'no-restricted-imports',
      );
    }
  });

  it('the probe may use the shared statistics, which import neither the diagnosis nor presentation', async () => {
    expect(
      await ruleIdsFor(
        "import { fisherOneSided } from '../../../shared/stats/fisher';\nexport const f = fisherOneSided;\n",
        'server/src/probe/x.ts',
      ),
    ).toEqual([]);
    for (const code of [
      "import { CALIBRATION } from '../diagnose/calibration';\nexport const c = CALIBRATION;\n",
      "import { probeStepLabel } from '../present/notes';\nexport const l = probeStepLabel;\n",
      "import { readFile } from 'node:fs';\nexport const r = readFile;\n",
    ])
      expect(await ruleIdsFor(code, 'shared/stats/x.ts')).toContain('no-restricted-imports');
  });

  it('observations, the classifier and the diagnosis never import presentation', async () => {
    const code = "import { probeStepLabel } from '../present/notes';\nexport const l = probeStepLabel;\n";
    for (const file of [
      'shared/observations/x.ts',
      'shared/classify/x.ts',
      'shared/diagnose/x.ts',
      'shared/diagnose/rules/x.ts',
      'shared/diagnose/texts/x.ts',
    ])
      expect(await ruleIdsFor(code, file)).toContain('no-restricted-imports');
    // a type-only import still ties the layer to presentation's shapes: refused too
    const typeOnly =
      "import type { EvidenceLine } from '../present/evidence';\nexport type E = EvidenceLine;\n";
    expect(await ruleIdsFor(typeOnly, 'shared/diagnose/x.ts')).toContain('no-restricted-imports');
    // the pure-shared rules still hold in those folders (the later block repeats them)
    expect(
      await ruleIdsFor(
        "import { readFile } from 'node:fs';\nexport const r = readFile;\n",
        'shared/diagnose/x.ts',
      ),
    ).toContain('no-restricted-imports');
    // presentation itself may read the earlier stages
    expect(
      await ruleIdsFor(
        "import { tlsVersionName } from '../observations/vocabulary';\nexport const n = tlsVersionName;\n",
        'shared/present/x.ts',
      ),
    ).toEqual([]);
  });

  it('shared/ imports no node:*, no npm runtime package, and touches no wx or process', async () => {
    expect(
      await ruleIdsFor("import { readFile } from 'node:fs';\nexport const r = readFile;\n", 'shared/x.ts'),
    ).toContain('no-restricted-imports');
    expect(await ruleIdsFor("import Ajv from 'ajv';\nexport const a = Ajv;\n", 'shared/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIdsFor('export const p = wx.getSystemInfoSync();\n', 'shared/x.ts')).toContain(
      'no-restricted-globals',
    );
    expect(await ruleIdsFor('export const e = process.env;\n', 'shared/x.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it('allows what is fine: type-only npm imports in shared/, diagnosis in presentation code', async () => {
    expect(
      await ruleIdsFor(
        "import type { FromSchema } from 'json-schema-to-ts';\nexport type F = FromSchema<{ type: 'string' }>;\n",
        'shared/x.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIdsFor(
        "import { diagnose } from '../../../shared/diagnose/diagnose';\nexport const d = diagnose;\n",
        'server/src/report/x.ts',
      ),
    ).toEqual([]);
  });

  it('forbids TypeScript enums (codes are as-const tables)', async () => {
    expect(await ruleIdsFor('export enum Phase { Dns }\n', 'shared/x.ts')).toContain('no-restricted-syntax');
  });
});
