/**
 * The API's one catalogue of errors: a stable code (clients match on it, never on the message), the
 * HTTP status, and the message in Chinese and English. Every error the server sends comes from here,
 * as `{ error: { code, message, path? } }`. Add codes; never rename or reuse one.
 */
import type { Lang, Localized } from '../../shared/taxonomy/codes';

type CatalogueEntry = { status: number } & Localized;

export const ERRORS = {
  'invalid-request': {
    status: 400,
    zh: '请求内容不符合要求',
    en: 'The request does not match the API schema',
  },
  'invalid-json': { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  'json-too-deep': {
    status: 400,
    zh: 'JSON 嵌套层数超过上限',
    en: 'The JSON document is nested more deeply than allowed',
  },
  'json-too-many-values': {
    status: 400,
    zh: 'JSON 中值的个数超过上限',
    en: 'The JSON document holds more values than allowed',
  },
  'invalid-path-encoding': {
    status: 400,
    zh: '地址中的百分号编码无效（不是合法的 UTF-8）',
    en: 'The URL path is not valid percent-encoded UTF-8',
  },
  'invalid-url': {
    status: 400,
    zh: 'URL 无法解析，或不是 http(s)/ws(s) 地址',
    en: 'The URL cannot be parsed or is not an http(s)/ws(s) URL',
  },
  'nothing-to-diagnose': {
    status: 400,
    zh: '不探测（options.probe=false）时必须附上手机视角的观测（client）',
    en: 'Without a probe (options.probe=false) a client observation is required',
  },
  'attempts-too-many': {
    status: 400,
    zh: '尝试次数超过服务器允许的上限',
    en: 'More attempts than this server allows',
  },
  'unknown-vantage': {
    status: 400,
    zh: '请求了服务器不认识的探测位置',
    en: 'The request names a vantage this server does not know',
  },
  'report-not-found': {
    status: 404,
    zh: '没有这份报告（链接有误，或已过保留期被删除）',
    en: 'No such report (wrong link, or deleted after the retention period)',
  },
  'probe-not-found': { status: 404, zh: '没有这个探测任务', en: 'No such probe job' },
  'route-not-found': { status: 404, zh: '没有这个地址', en: 'No such route' },
  'method-not-allowed': { status: 405, zh: '不支持这个请求方法', en: 'Method not allowed' },
  'request-timeout': {
    status: 408,
    zh: '请求没有在规定时间内发送完',
    en: 'The request was not received in time',
  },
  'body-too-large': { status: 413, zh: '请求体太大', en: 'The request body is too large' },
  'classify-too-long': {
    status: 413,
    zh: '一次请求要分类的字符总数超过上限，请分批提交',
    en: 'Too many characters to classify in one request; send them in smaller batches',
  },
  'url-too-long': { status: 414, zh: '地址中的某一段太长', en: 'A segment of the URL path is too long' },
  'unsupported-media-type': {
    status: 415,
    zh: '不支持的 Content-Type（请用 application/json）',
    en: 'Unsupported Content-Type (use application/json)',
  },
  'headers-too-large': {
    status: 431,
    zh: '请求头太大',
    en: 'The request headers are too large',
  },
  'rate-limited': {
    status: 429,
    zh: '请求太频繁，请稍后再试',
    en: 'Too many requests; try again later',
  },
  'probe-failed': {
    status: 500,
    zh: '探测意外中止，请重试',
    en: 'The probe stopped unexpectedly; try again',
  },
  'internal-error': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'shutting-down': {
    status: 503,
    zh: '服务器正在关闭，请稍后重试',
    en: 'The server is shutting down; try again shortly',
  },
  'probes-busy': {
    status: 503,
    zh: '同时进行的探测太多，请按 Retry-After 稍后再试',
    en: 'Too many probes are running; retry after the Retry-After delay',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** Extra words after the catalogue message: one text for both languages (e.g. a path), or both. */
export type ErrorDetail = string | Localized;

function detailIn(detail: ErrorDetail, lang: Lang): string {
  return typeof detail === 'string' ? detail : detail[lang];
}

/** An error the handlers throw; the error handler turns it into the catalogue's response. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { path?: string; detail?: ErrorDetail; retryAfterSeconds?: number } = {},
  ) {
    super(options.detail ? `${ERRORS[code].en}: ${detailIn(options.detail, 'en')}` : ERRORS[code].en);
    this.name = 'ApiError';
    this.statusCode = ERRORS[code].status;
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; path?: string } };

export function errorBody(
  code: ErrorCode,
  lang: Lang,
  options: { path?: string; detail?: ErrorDetail } = {},
) {
  const base = ERRORS[code][lang];
  const message = options.detail
    ? `${base}${lang === 'zh' ? '：' : ': '}${detailIn(options.detail, lang)}`
    : base;
  const body: ErrorBody = { error: { code, message } };
  if (options.path !== undefined) body.error.path = options.path;
  return body;
}

/** The response schema every error status shares (declared once, referenced by each route). */
export const errorResponseSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string' },
        path: { type: 'string', description: 'JSON pointer to the offending input, e.g. /body/url' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

/** `response` entries for the given error statuses, for a route schema. */
export function errorResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<
    S[number],
    typeof errorResponseSchema
  >;
}
