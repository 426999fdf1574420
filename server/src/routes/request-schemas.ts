/**
 * Request schemas shared by the routes that start a probe. The observation schemas are the shared
 * `as const` objects themselves (shared/observations), so the API accepts exactly what the
 * mini-program's validator accepts. Limits that depend on the operator's config are filled in here.
 */
import { clientObservationSchema, type ClientObservation } from '../../../shared/observations/client';
import type { ServerConfig } from '../config';

export const langQuerySchema = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['zh', 'en'], description: '回答语言 / answer language' } },
  additionalProperties: false,
} as const;

export type LangQuery = { lang?: 'zh' | 'en' };

const HOSTNAME_PATTERN =
  '^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';

export function probeRequestSchema(config: ServerConfig) {
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
      options: {
        type: 'object',
        additionalProperties: false,
        properties: {
          attempts: {
            type: 'integer',
            minimum: 1,
            maximum: config.maxAttempts,
            description: `attempts per TLS variant (default ${config.defaultAttempts})`,
          },
          probe: {
            type: 'boolean',
            description: 'false: store and diagnose the client observation only (default true)',
          },
          timeoutMs: { type: 'integer', minimum: 100, maximum: 60_000, description: 'timeout of each step' },
          controlSni: { type: 'string', pattern: HOSTNAME_PATTERN, description: 'control SNI host name' },
          httpPort: {
            type: 'integer',
            minimum: 1,
            maximum: 65535,
            description: 'port of the plain-HTTP check on the same address (default 80)',
          },
        },
      },
    },
  } as const;
}

export type ProbeRequestBody = {
  url: string;
  client?: ClientObservation;
  options?: {
    attempts?: number;
    probe?: boolean;
    timeoutMs?: number;
    controlSni?: string;
    httpPort?: number;
  };
};
