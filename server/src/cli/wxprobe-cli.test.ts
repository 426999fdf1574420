// The real `wxprobe` command, run as a child process (built once by scripts/vitest-build-cli.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyClientError } from '../../../shared/classify/classify';
import { CODE_MEANINGS } from '../../../shared/classify/chromium-net-error-meanings';
import { describeClass } from '../../../shared/classify/describe';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/wxprobe.js', import.meta.url));
const packageVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function wxprobe(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `--jsonl` output: one JSON object a line. */
function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('wxprobe classify, readable output', () => {
  it('answers in Chinese by default: phase, kind, code, meaning and next step', () => {
    const raw = 'request:fail -101:net::ERR_CONNECTION_RESET';
    const { code, stdout, stderr } = wxprobe(['classify', raw]);
    const expected = classifyClientError({ raw });
    const text = describeClass(expected, 'zh', CODE_MEANINGS);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`阶段 / 类别：${expected.phase} / ${expected.kind}`);
    expect(stdout).toContain('ERR_CONNECTION_RESET（-101）');
    expect(stdout).toContain(`含义：${text.meaning}`);
    expect(stdout).toContain(`下一步：${text.hint}`);
  });

  it('answers in English with --lang en', () => {
    const raw = 'request:fail 发生了SSL错误，无法建立与该服务器的安全连接。';
    const { code, stdout } = wxprobe(['classify', raw, '--lang', 'en']);
    const expected = classifyClientError({ raw });
    expect(code).toBe(0);
    expect(stdout).toContain(`phase / kind: ${expected.phase} / ${expected.kind}`);
    expect(stdout).toContain(`next: ${describeClass(expected, 'en', CODE_MEANINGS).hint}`);
    expect(stdout).toContain('platform: ios');
  });

  it('uses --errno, --platform and --api', () => {
    const { stdout } = wxprobe([
      'classify',
      'fail',
      '--errno',
      '600002',
      '--platform',
      'Android',
      '--api',
      'uploadFile',
      '--json',
    ]);
    expect(JSON.parse(stdout)).toEqual(
      classifyClientError({ raw: 'fail', errno: '600002', platform: 'Android', api: 'uploadFile' }),
    );
    expect(JSON.parse(stdout)).toMatchObject({
      kind: 'not-in-domain-list',
      platform: 'android',
      api: 'uploadFile',
    });
  });

  it('accepts a raw error that starts with a dash', () => {
    const { code, stdout } = wxprobe(['classify', '-2:net::ERR_FAILED', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'unknown', codeName: 'ERR_FAILED' });
  });
});

describe('wxprobe classify --json', () => {
  it('prints exactly the result object', () => {
    const raw =
      '{"errno":600001,"errMsg":"request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID"}';
    const { code, stdout } = wxprobe(['classify', raw, '--json']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual(classifyClientError({ raw }));
  });
});

describe('wxprobe classify --jsonl', () => {
  it('writes one line per input line, in order, with an error object for bad lines', () => {
    const inputs = [
      { raw: 'request:fail timeout', errno: 5 },
      'this is not json',
      { raw: 'request:fail 似乎已断开与互联网的连接。', platform: 'ios' },
      '',
      '[1,2]',
      { raw: 'request:fail ', errno: 600002, platform: 'devtools' },
    ];
    const input = inputs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') + '\n';
    const { code, stdout } = wxprobe(['classify', '--jsonl'], input);
    const out = jsonLines(stdout);
    expect(code).toBe(0);
    expect(out).toHaveLength(inputs.length);
    inputs.forEach((x, i) => {
      if (typeof x === 'string') {
        expect(out[i]).toMatchObject({ line: i + 1 });
        expect(typeof out[i]?.error).toBe('string');
      } else {
        expect(out[i]).toEqual(classifyClientError(x));
      }
    });
  });

  it('gives rows with wrong field types an error row, like broken JSON, and keeps going', () => {
    const inputs = [
      '{"raw":123}',
      '{"raw":"request:fail timeout","errno":"five"}',
      '{"raw":"fail","platform":["ios"]}',
      '{"raw":"fail","api":7}',
      '{"errno":1.5}',
      '{}',
      '{"raw":"request:fail timeout","errno":null,"platform":null}',
      '{"errno":600002}',
    ];
    const { code, stdout } = wxprobe(['classify', '--jsonl'], `${inputs.join('\n')}\n`);
    const out = jsonLines(stdout);
    expect(code).toBe(0);
    expect(out).toHaveLength(inputs.length);
    for (let i = 0; i < 6; i++) {
      expect(out[i], inputs[i]).toMatchObject({ line: i + 1 });
      expect(typeof out[i]?.error, inputs[i]).toBe('string');
    }
    expect(out[0]?.error).toBe('"raw" must be a string, not number');
    expect(out[6]).toEqual(classifyClientError({ raw: 'request:fail timeout' }));
    expect(out[7]).toMatchObject({ kind: 'not-in-domain-list' });
  });

  it('keeps the 1:1 correspondence for CRLF input without a final newline, and uses flags as defaults', () => {
    const input = '{"raw":"fail"}\r\n{"raw":"fail","errno":5}\r\n{"raw":"fail","platform":"ios"}';
    const { stdout } = wxprobe(['classify', '--jsonl', '--errno', '600002', '--platform', 'android'], input);
    const out = jsonLines(stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ kind: 'not-in-domain-list', platform: 'android' });
    expect(out[1]).toMatchObject({ kind: 'timeout' });
    expect(out[2]).toMatchObject({ platform: 'ios' });
  });

  it('streams a large input through', () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ raw: `request:fail -${100 + (i % 30)}:net::ERR_X` }),
    );
    const { code, stdout } = wxprobe(['classify', '--jsonl'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(5000);
  });
});

describe('usage errors', () => {
  // one convention for every command: `wxprobe <command>: <reason>` on one line, Chinese unless --lang en, exit 2
  it.each([
    [['classify'], 'wxprobe classify: 缺少要分类的错误文本'],
    [['classify', 'a', 'b'], 'wxprobe classify: 只能给一条错误文本'],
    [['classify', 'x', '--bogus'], 'wxprobe classify: 未知选项 --bogus'],
    [['classify', 'x', '--lang', 'fr'], 'wxprobe classify: --lang 只能是 zh 或 en，不能是 "fr"'],
    [['classify', 'x', '--errno', 'abc'], 'wxprobe classify: --errno 必须是整数'],
    [['classify', 'x', '--errno'], 'wxprobe classify: 选项 --errno 缺少值'],
    [['classify', '--jsonl', 'x'], 'wxprobe classify: --jsonl 从标准输入读取'],
    [['classify', 'x', '--bogus', '--lang', 'en'], 'wxprobe classify: unknown option --bogus'],
    [['classify', '--lang', 'en'], 'wxprobe classify: missing the raw errMsg'],
    [
      ['classify', 'x', '--errno', 'abc', '--lang=en'],
      'wxprobe classify: --errno must be an integer, not "abc"',
    ],
    [['classify', 'x', '--errno', '--lang', 'en'], 'wxprobe classify: option --errno needs a value'],
    [['classify', '--jsonl', 'x', '--lang', 'en'], 'wxprobe classify: --jsonl reads stdin'],
    [['diagnose'], 'wxprobe diagnose: 请给出 --client 和/或 --probe'],
    [['diagnose', '--lang', 'en'], 'wxprobe diagnose: give --client and/or --probe'],
    [['diagnose', '--bogus'], 'wxprobe diagnose: 未知选项 --bogus'],
    [['diagnose', 'stray', '--lang', 'en'], 'wxprobe diagnose: unexpected argument "stray"'],
    [['diagnose', '--client', 'missing.json', '--lang', 'en'], 'wxprobe diagnose: cannot read missing.json'],
    [
      ['probe', 'https://a.example/', '--attempts', 'ten'],
      'wxprobe probe: --attempts 必须是整数，不能是 "ten"',
    ],
    [['probe', 'https://a.example/', '--bogus', '--lang', 'en'], 'wxprobe probe: unknown option --bogus'],
    [['frobnicate'], 'wxprobe: 未知命令 "frobnicate"'],
    [['frobnicate', '--lang', 'en'], 'wxprobe: unknown command "frobnicate"'],
    [[], 'wxprobe: 缺少命令'],
  ])('wxprobe %j exits 2 with a one-line reason', (args, reason) => {
    const { code, stdout, stderr } = wxprobe(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith(reason), stderr).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('help and version', () => {
  it.each([[['--help']], [['help']], [['-h']]])('%j lists the commands in Chinese and English', (args) => {
    const { code, stdout } = wxprobe(args);
    expect(code).toBe(0);
    expect(stdout).toContain('classify');
    expect(stdout).toContain('命令 Commands');
    expect(stdout).toMatch(/分类.*classify a raw WeChat network error/);
  });

  it('shows a command’s usage with `help classify` and `classify --help`', () => {
    for (const args of [
      ['help', 'classify'],
      ['classify', '--help'],
    ]) {
      const { code, stdout } = wxprobe(args);
      expect(code).toBe(0);
      expect(stdout).toContain('--jsonl');
      expect(stdout).toContain('--lang zh|en');
    }
  });

  it('prints the package version', () => {
    expect(wxprobe(['--version']).stdout.trim()).toBe(packageVersion);
  });
});
