/**
 * Where things are for the mini-program tests. The compiled mini-program lives in a folder of its
 * own per vitest run (given to the tests by the globalSetup through `provide`/`inject`), so that two
 * runs at once never rebuild the files the other one is loading.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const buildRoot = join(repoRoot, '.vitest-build');

declare module 'vitest' {
  export interface ProvidedContext {
    /** absolute path of this run's compiled mini-program */
    miniprogramBuild: string;
  }
}
