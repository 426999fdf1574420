/**
 * vitest globalSetup: builds the command-line bundles (server/dist/) once, before any test file
 * runs, so tests that spawn `wxprobe`, the lab or the server never race each other rebuilding them.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root, stdio: 'pipe' });
}
