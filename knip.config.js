// Dead-code check (run by `npm run lint`). The mini-program imports shared/ through its generated
// mirror (miniprogram/shared/, scripts/sync-shared.mjs), which knip does not read: the shared files
// behind the mirror are entries. Knip does not check an entry's exports (the mini-program's use of
// them is invisible to it): an export of a mirrored file that nothing imports is left to review.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
const mirrored = walk('miniprogram/shared').map((file) =>
  relative('miniprogram', file).split('\\').join('/'),
);

export default {
  entry: [
    'server/src/cli/main.ts',
    'server/src/main.ts',
    'server/lab/main.ts',
    'scripts/*.mjs',
    'scripts/bench/main.ts',
    'scripts/bench/*.mjs',
    'miniprogram/app.ts',
    'miniprogram/pages/*/index.ts',
    'miniprogram/components/*/index.ts',
    ...mirrored,
  ],
  project: ['shared/**/*.ts', 'server/**/*.ts', 'miniprogram/**/*.ts', 'scripts/**/*.{ts,mjs}'],
  ignore: ['miniprogram/shared/**'],
  ignoreExportsUsedInFile: true,
  ignoreBinaries: ['useradd'],
};
