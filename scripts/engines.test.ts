// Every Node line the project promises must install every locked package without an engine
// warning: `npm install` prints EBADENGINE for any package whose `engines.node` excludes the
// running Node, and a new user reads that as "this is broken".
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

type LockedPackage = { version?: string; engines?: { node?: string } | string[] };

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** The oldest release of each supported line (`^20.19.0 || ^22.13.0 || >=24` → 20.19.0, 22.13.0, 24.0.0). */
function oldestOfEachLine(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => {
    const low = semver.minVersion(comparators.map((c) => c.value).join(' '));
    if (!low) throw new Error(`no lowest version in ${range}`);
    return low.version;
  });
}

/** Newest releases we know of per line, so an upper bound such as `<23` in a dependency is caught too. */
const NEWEST_CHECKED = ['20.20.2', '22.22.0', '24.22.3'];

describe('supported Node versions', () => {
  const supported = [...oldestOfEachLine(manifest.engines.node), ...NEWEST_CHECKED];

  it('are Node 20, 22 and 24, with 24 LTS among them', () => {
    expect(supported.map((v) => semver.major(v))).toEqual(expect.arrayContaining([20, 22, 24]));
    for (const version of NEWEST_CHECKED) expect(semver.satisfies(version, manifest.engines.node)).toBe(true);
  });

  it('install every locked package without an engine warning', () => {
    const conflicts: string[] = [];
    for (const [path, pkg] of Object.entries(lock.packages)) {
      const wanted = !pkg.engines || Array.isArray(pkg.engines) ? undefined : pkg.engines.node;
      if (path === '' || !wanted) continue;
      for (const node of supported) {
        if (!semver.satisfies(node, wanted))
          conflicts.push(`${path}@${pkg.version} wants node ${wanted}; ${node} is supported`);
      }
    }
    expect(conflicts).toEqual([]);
  });
});
