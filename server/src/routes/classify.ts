/**
 * `POST /api/v1/classify`: batch classification of raw client errors (errMsg / errno / platform /
 * api) into the taxonomy's phase and kind, with a one-line meaning and hint in the asked language.
 * The same pure classifier the report page and the mini-program use (shared/classify).
 *
 * The classifier runs on the event loop, and its cost grows with the text: a batch may hand it at
 * most `classifyMaxChars` characters (raw + platform, all items together), so no single request
 * holds other requests up for long; past that it is `413 classify-too-long`, naming the limit.
 */
import type { FastifyInstance } from 'fastify';
import { classifyClientError } from '../../../shared/classify/classify';
import { CODE_MEANINGS } from '../../../shared/classify/chromium-net-error-meanings';
import { describeClass } from '../../../shared/classify/describe';
import { CLIENT_APIS, KINDS, PHASES } from '../../../shared/taxonomy/codes';
import { ApiError, errorResponses } from '../errors';
import { requestLang } from '../web/request-lang';
import { langQuerySchema, type LangQuery } from './request-schemas';

export const MAX_CLASSIFY_ITEMS = 1000;

const classifyBodySchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CLASSIFY_ITEMS,
      items: {
        type: 'object',
        required: ['raw'],
        additionalProperties: false,
        properties: {
          raw: { type: 'string', maxLength: 4096, description: 'errMsg exactly as WeChat returned it' },
          errno: { type: ['integer', 'null'] },
          platform: { type: 'string', maxLength: 64, description: 'ios | android | devtools | …' },
          api: { type: 'string', enum: CLIENT_APIS },
        },
      },
    },
  },
} as const;

const classifyResponseSchema = {
  type: 'object',
  required: ['results'],
  additionalProperties: false,
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['phase', 'kind', 'platform', 'meaning', 'hint'],
        additionalProperties: false,
        properties: {
          phase: { type: 'string', enum: PHASES },
          kind: { type: 'string', enum: KINDS },
          code: { type: 'integer' },
          codeName: { type: 'string' },
          api: { type: 'string' },
          platform: { type: 'string' },
          meaning: { type: 'string' },
          hint: { type: 'string' },
        },
      },
    },
  },
} as const;

type ClassifyBody = {
  items: Array<{ raw: string; errno?: number | null; platform?: string; api?: string }>;
};

/** Characters the classifier would read for this batch: what its cost grows with. */
export function classifyChars(items: ClassifyBody['items']): number {
  let total = 0;
  for (const item of items) total += item.raw.length + (item.platform?.length ?? 0);
  return total;
}

export default async function classifyRoutes(app: FastifyInstance) {
  const maxChars = app.wxConfig.classifyMaxChars;
  app.post<{ Body: ClassifyBody; Querystring: LangQuery }>(
    '/api/v1/classify',
    {
      schema: {
        tags: ['classify'],
        summary: '批量分类原始错误 / classify raw client errors in bulk',
        description: `At most ${maxChars} characters (raw + platform, all items together) per request; beyond that 413 classify-too-long.`,
        querystring: langQuerySchema,
        body: classifyBodySchema,
        response: { 200: classifyResponseSchema, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request) => {
      const chars = classifyChars(request.body.items);
      if (chars > maxChars) {
        throw new ApiError('classify-too-long', {
          path: '/body/items',
          detail: {
            zh: `每次最多 ${maxChars} 个字符（这次 ${chars} 个）`,
            en: `at most ${maxChars} characters per request (this one has ${chars})`,
          },
        });
      }
      const lang = requestLang(request);
      const results = request.body.items.map((item) => {
        const c = classifyClientError({
          raw: item.raw,
          errno: item.errno ?? undefined,
          platform: item.platform,
          api: item.api,
        });
        return { ...c, ...describeClass(c, lang, CODE_MEANINGS) };
      });
      return { results };
    },
  );
}
