/**
 * Type-level helper: the TypeScript type a JSON Schema literal describes. Schemas are declared once
 * as plain `as const` JSON Schema objects (usable by Fastify/Ajv and by our own validator inside
 * WeChat); types are derived from them, never written twice. `json-schema-to-ts` is types-only, so
 * shared/ keeps no runtime npm dependency.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export type { JSONSchema };
export type Infer<S extends JSONSchema> = FromSchema<S>;
