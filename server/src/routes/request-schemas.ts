/**
 * Request schemas shared by the routes that start a probe. The observation schemas are the shared
 * `as const` objects themselves (shared/observations), so the API accepts exactly what the
 * mini-program's validator accepts. Limits that depend on the operator's config are filled in here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientObservationSchema, type ClientObservation } from '../../../shared/observations/client';
import type { ServerConfig } from '../config';
import { MAX_VANTAGES, VANTAGE_NAME_PATTERN } from '../agents/vantage-name';
import { pickOptionSchemas } from '../probe-options/input-schema';
import { API_OPTION_KEYS } from '../probe-options/options';
import { apiOptionRanges, checkRequestedOptions, type RequestedProbeOptions } from '../report/probe-request';

export const langQuerySchema = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['zh', 'en'], description: '回答语言 / answer language' } },
  additionalProperties: false,
} as const;

export type LangQuery = { lang?: 'zh' | 'en' };

/**
 * The probe-starting body. Its `options` are a pick of the one probe-options schema, with the
 * ranges a stranger may ask for (apiOptionRanges), plus `probe` (whether to probe at all).
 */
export function probeRequestSchema(config: ServerConfig) {
  const picked = pickOptionSchemas(API_OPTION_KEYS);
  const ranges = apiOptionRanges(config);
  return {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        maxLength: 2048,
        description: '要诊断的 URL（https://…，也接受 http:// 和 wss://）/ the URL to diagnose',
      },
      client: clientObservationSchema,
      vantages: {
        description:
          '从哪些位置探测（默认 ["local"]；"all" = 所有在线位置）/ where to probe from, in order ' +
          '(default ["local"], the server itself; "all": every online vantage). GET /api/v1/vantages lists them.',
        anyOf: [
          {
            type: 'array',
            minItems: 1,
            maxItems: MAX_VANTAGES,
            uniqueItems: true,
            items: { type: 'string', pattern: VANTAGE_NAME_PATTERN },
          },
          { type: 'string', enum: ['all'] },
        ],
      },
      options: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...picked,
          attempts: {
            ...picked.attempts,
            maximum: ranges.attempts.max,
            description: `attempts per TLS variant (default ${config.defaultAttempts})`,
          },
          timeoutMs: { ...picked.timeoutMs, maximum: ranges.timeoutMs.max },
          probe: {
            type: 'boolean',
            description: 'false: store and diagnose the client observation only (default true)',
          },
        },
      },
    },
  } as const;
}

export type ProbeRequestBody = {
  url: string;
  client?: ClientObservation;
  vantages?: string[] | 'all';
  options?: RequestedProbeOptions & { probe?: boolean };
};

/**
 * A probe-starting route's preValidation: the body's probe options are read by the parsers the CLI
 * and the environment use, before the schema, so all three refuse a value in the same words.
 */
export function probeOptionsPreValidation(config: ServerConfig) {
  return async (request: FastifyRequest): Promise<void> => {
    const body = request.body as { options?: unknown } | null | undefined;
    if (typeof body === 'object' && body !== null) checkRequestedOptions(body.options, config);
  };
}

/**
 * The route options every probe-starting route shares: probe options read first (above), the probe
 * rate limit, and the probe request body schema beside the route's own documentation and replies.
 */
export function probeRouteOptions<Schema extends Record<string, unknown>>(
  app: FastifyInstance,
  schema: Schema,
) {
  const config = app.wxConfig;
  return {
    preValidation: probeOptionsPreValidation(config),
    preHandler: app.probeRateLimit,
    schema: { ...schema, body: probeRequestSchema(config) },
  };
}
