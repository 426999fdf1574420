/**
 * `wxprobe classify`: classifies raw WeChat network errors with the shared classifier.
 * One error from the command line (readable text, Chinese by default, or `--json`), or a stream of
 * JSON lines on stdin (`--jsonl`): exactly one output line per input line, in order; a bad line gets
 * an error object on its own line and the run goes on.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { classifyClientError, type ClientErrorClass } from '../../../../shared/classify/classify';
import { CODE_MEANINGS } from '../../../../shared/classify/chromium-net-error-meanings';
import { describeClass } from '../../../../shared/classify/describe';
import type { Lang } from '../../../../shared/taxonomy/codes';
import { parseCommandArgs, parseLangOption, runCommand, UsageError } from '../args';

const OPTIONS = {
  errno: { type: 'string' },
  platform: { type: 'string' },
  api: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `用法 Usage:
  wxprobe classify "<原始 errMsg / raw errMsg>" [--errno N] [--platform android|ios|devtools|…] [--api request] [--lang zh|en] [--json]
  wxprobe classify --jsonl [--platform …] [--errno N] [--api …] < errors.jsonl

把微信返回的原始错误归类（阶段/类别），并说明含义和下一步该查什么。
Classifies a raw WeChat network error (phase/kind) and says what it means and what to check next.

选项 Options:
  --errno N        微信 errno（如 600002）/ WeChat errno (e.g. 600002)
  --platform P     android | ios | devtools | …（不给则按文本格式推断 / inferred from the text if absent）
  --api NAME       request | uploadFile | downloadFile | connectSocket …（文本里没有前缀时使用 / used when the text has no prefix）
  --lang zh|en     输出语言，默认中文 / output language, Chinese by default
  --json           输出 JSON 结果对象 / print the result object as JSON
  --jsonl          从标准输入逐行读取 {"raw","errno","platform","api"}，每行输出一行 JSON 结果
                   read {"raw","errno","platform","api"} lines from stdin, write one JSON result line per line
                   （命令行上的 --errno/--platform/--api 作为缺省值 / act as defaults for lines that lack them）
  -h, --help       显示本帮助 / show this help

以 - 开头的原始错误可直接给出 / raw errors starting with a dash work as is: wxprobe classify "-2:net::ERR_FAILED"
`;

type Defaults = { errno?: string; platform?: string; api?: string };

function checkErrno(value: string | undefined): void {
  if (value !== undefined && !/^-?\d{1,12}$/.test(value.trim())) {
    const shown = JSON.stringify(value.slice(0, 20));
    throw new UsageError(`--errno 必须是整数，不能是 ${shown}`, `--errno must be an integer, not ${shown}`);
  }
}

function codeLabel(c: ClientErrorClass, lang: Lang): string | undefined {
  if (c.codeName === undefined) return undefined;
  if (c.code === undefined) return c.codeName;
  if (c.codeName === String(c.code)) return `errno ${c.code}`;
  return lang === 'zh' ? `${c.codeName}（${c.code}）` : `${c.codeName} (${c.code})`;
}

export function formatHuman(c: ClientErrorClass, lang: Lang): string {
  const { meaning, hint } = describeClass(c, lang, CODE_MEANINGS);
  const code = codeLabel(c, lang);
  const where =
    lang === 'zh'
      ? `平台：${c.platform}${c.api ? `　接口：${c.api}` : ''}`
      : `platform: ${c.platform}${c.api ? `   api: ${c.api}` : ''}`;
  const lines =
    lang === 'zh'
      ? [
          `阶段 / 类别：${c.phase} / ${c.kind}`,
          ...(code ? [`代码：${code}`] : []),
          `含义：${meaning}`,
          `下一步：${hint}`,
          where,
        ]
      : [
          `phase / kind: ${c.phase} / ${c.kind}`,
          ...(code ? [`code: ${code}`] : []),
          `meaning: ${meaning}`,
          `next: ${hint}`,
          where,
        ];
  return `${lines.join('\n')}\n`;
}

/** One input line → one output object: a classification, or `{error, line}`. */
export function classifyJsonLine(line: string, lineNumber: number, defaults: Defaults): object {
  const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
  if (text.trim() === '') return { error: 'blank line', line: lineNumber };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 160) : undefined;
    return { error: `invalid JSON${reason ? `: ${reason}` : ''}`, line: lineNumber };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      error: 'expected a JSON object like {"raw": "...", "errno": 600002, "platform": "ios"}',
      line: lineNumber,
    };
  }
  const input = parsed as Record<string, unknown>;
  const wrong = wrongField(input);
  if (wrong) return { error: wrong, line: lineNumber };
  const given = (name: string) => (input[name] === null ? undefined : input[name]);
  return classifyClientError({
    raw: given('raw'),
    errno: given('errno') ?? defaults.errno,
    platform: given('platform') ?? defaults.platform,
    api: given('api') ?? defaults.api,
  });
}

const typeName = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

/**
 * A line whose fields have the wrong types (`{"raw": 123}`) is as broken as one that is not JSON: it
 * gets an error row, not a confident-looking `unknown`. null counts as absent (exports often hold it).
 */
function wrongField(input: Record<string, unknown>): string | null {
  for (const name of ['raw', 'platform', 'api'] as const) {
    const value = input[name];
    if (value !== undefined && value !== null && typeof value !== 'string')
      return `"${name}" must be a string, not ${typeName(value)}`;
  }
  const errno = input.errno;
  if (errno !== undefined && errno !== null) {
    const integer =
      (typeof errno === 'number' && Number.isInteger(errno)) ||
      (typeof errno === 'string' && /^-?\d{1,12}$/.test(errno.trim()));
    if (!integer)
      return `"errno" must be an integer, not ${typeName(errno)} ${JSON.stringify(errno).slice(0, 40)}`;
  }
  const has = (name: string) => input[name] !== undefined && input[name] !== null;
  if (!has('raw') && !has('errno'))
    return 'expected "raw" (the errMsg text) and/or "errno", like {"raw": "request:fail ...", "errno": 600002}';
  return null;
}

async function classifyStream(defaults: Defaults): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    const ok = process.stdout.write(`${JSON.stringify(classifyJsonLine(line, lineNumber, defaults))}\n`);
    if (!ok) await once(process.stdout, 'drain');
  }
  return 0;
}

export const run = (argv: string[]): Promise<number> => runCommand('classify', argv, () => classify(argv));

async function classify(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const lang = parseLangOption(values.lang);
  checkErrno(values.errno);
  const defaults: Defaults = {};
  if (values.errno !== undefined) defaults.errno = values.errno.trim();
  if (values.platform !== undefined) defaults.platform = values.platform;
  if (values.api !== undefined) defaults.api = values.api;

  if (values.jsonl) {
    if (positionals.length > 0) {
      throw new UsageError(
        '--jsonl 从标准输入读取，不再接受命令行上的错误文本',
        '--jsonl reads stdin: give no raw text',
      );
    }
    return classifyStream(defaults);
  }
  if (positionals.length === 0) {
    throw new UsageError(
      '缺少要分类的错误文本（wxprobe classify --help）',
      'missing the raw errMsg to classify (wxprobe classify --help)',
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(
      '只能给一条错误文本，请加引号；多条请用 --jsonl',
      'give one quoted errMsg; use --jsonl for many',
    );
  }
  const result = classifyClientError({ raw: positionals[0], ...defaults });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatHuman(result, lang));
  return 0;
}
