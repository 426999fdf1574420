/**
 * Type-level helper: the TypeScript type a JSON Schema literal describes. Schemas are declared once
 * as plain `as const` JSON Schema objects (usable by Fastify/Ajv and by our own validator inside
 * WeChat); types are derived from them, never written twice. `json-schema-to-ts` is types-only, so
 * shared/ keeps no runtime npm dependency.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export type { JSONSchema };
export type Infer<S extends JSONSchema> = FromSchema<S>;

/** `schema`, or null. */
export function orNull<const S>(schema: S) {
  return { anyOf: [schema, { type: 'null' }] } as const;
}

/** An object with exactly these properties, the `required` ones required (the schemas' usual shape). */
export function closedObject<const R extends readonly string[], const P extends Record<string, unknown>>(
  required: R,
  properties: P,
) {
  return { type: 'object', required, properties, additionalProperties: false } as const;
}
