#!/usr/bin/env node
// Compiles the mini-program with miniprogram-ci as WeChat devtools would before an upload, offline,
// and prints {"files": {"<path>": <bytes>, …}} on stdout. Called by miniprogram-size.mjs --ci <dir>.
//   node scripts/miniprogram-ci-compile.mjs <dir holding node_modules/miniprogram-ci> <project dir>
// Offline: miniprogram-ci asks a WeChat server for the project's attributes first; its own defaults
// (DefaultProjectAttr) stand in, and a throw-away key satisfies the constructor (nothing is uploaded).
// It must end with process.exit(): miniprogram-ci leaves handles open.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [ciDir, projectPath] = process.argv.slice(2);
// miniprogram-ci is CommonJS, installed outside this project: loaded from where the user put it.
const requireFromCiDir = createRequire(join(ciDir, 'package.json'));
const ci = requireFromCiDir('miniprogram-ci');
const scratch = mkdtempSync(join(tmpdir(), 'wxprobe-mpci-'));

(async () => {
  let code = 0;
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPath = join(scratch, 'key.pem');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    });
    project.attr = async () => ci.DefaultProjectAttr;
    const log = console.log;
    console.log = () => {}; // miniprogram-ci logs its progress on stdout
    const result = await ci.getCompiledResult(
      { project, setting: { useProjectConfig: true }, onProgressUpdate: () => {} },
      join(scratch, 'compiled.zip'),
    );
    console.log = log;
    const files = Object.fromEntries(
      Object.entries(result).map(([path, body]) => [path, Buffer.byteLength(body)]),
    );
    process.stdout.write(`${JSON.stringify({ files })}\n`);
  } catch (error) {
    process.stderr.write(`miniprogram-ci failed: ${error?.stack ?? error}\n`);
    code = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(code);
})();
