/**
 * Test helper: every test of the file that calls this gets a fresh fake `wx` whose network never
 * answers (the storage, page and settings tests need `wx` but no request to end), removed after it.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createFakeWx, type FakeWx } from './fake-wx';

/** Installs the fake before each test; the returned function gives the current test's fake. */
export function quietWxEachTest(): () => FakeWx {
  let fake: FakeWx | undefined;
  beforeEach(() => {
    fake = createFakeWx(() => ({ hang: true }));
    vi.stubGlobal('wx', fake.wx);
  });
  afterEach(() => vi.unstubAllGlobals());
  return () => {
    if (!fake) throw new Error('the fake wx exists only inside a test');
    return fake;
  };
}
