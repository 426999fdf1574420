import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'miniprogram/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'miniprogram/shared/**', 'server/dist/**'],
    // Real sockets and TLS servers on loopback: give them room on a noisy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test files wait on sockets, child processes and PostgreSQL rather than compute, so one
    // file per core overlaps those waits (vitest's default, cores - 1, runs files one at a time on a
    // 2-core machine: measured 480 s there against 225 s with 2).
    maxWorkers: Math.max(2, availableParallelism()),
    // Compiles the mini-program to CommonJS for miniprogram-simulate (esbuild cannot run under jsdom),
    // and builds the CLI/lab/server bundles once for the tests that spawn them.
    globalSetup: ['miniprogram/test/global-setup.ts', 'scripts/vitest-build-cli.ts'],
  },
});
