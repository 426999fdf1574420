/**
 * `POST /api/v1/classify`: batch classification of raw client errors (errMsg / errno / platform /
 * api) into the taxonomy's phase and kind, with a one-line meaning and hint in the asked language.
 * The same pure classifier the report page and the mini-program use (shared/classify).
 */
import type { FastifyInstance } from 'fastify';
import { classifyClientError } from '../../../shared/classify/classify';
import { describeClass } from '../../../shared/classify/describe';
import { CLIENT_APIS, KINDS, PHASES } from '../../../shared/taxonomy/codes';
import { errorResponses } from '../errors';
import { negotiateLang } from '../web/negotiate-lang';
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

export default async function classifyRoutes(app: FastifyInstance) {
  app.post<{ Body: ClassifyBody; Querystring: LangQuery }>(
    '/api/v1/classify',
    {
      schema: {
        tags: ['classify'],
        summary: '批量分类原始错误 / classify raw client errors in bulk',
        querystring: langQuerySchema,
        body: classifyBodySchema,
        response: { 200: classifyResponseSchema, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request) => {
      const lang = negotiateLang(request.query.lang, request.headers['accept-language']);
      const results = request.body.items.map((item) => {
        const c = classifyClientError({
          raw: item.raw,
          errno: item.errno ?? undefined,
          platform: item.platform,
          api: item.api,
        });
        return { ...c, ...describeClass(c, lang) };
      });
      return { results };
    },
  );
}
