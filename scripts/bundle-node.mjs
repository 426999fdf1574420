// One way to turn a TypeScript entry into a Node ESM bundle that a child process can run: npm packages
// stay external, so the output file must sit inside the repository (the bench's .bench-build, the
// tests' node_modules/.cache) for its imports to resolve from node_modules.
import { build } from 'esbuild';

/**
 * Bundles `entry` (a .ts file) into `outfile` (.mjs) for the Node version the project supports.
 * @param {string} entry
 * @param {string} outfile
 * @returns {Promise<void>}
 */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
}
