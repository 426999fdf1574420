/**
 * The client document's parser alone: the mini-program validates what it measured before it
 * uploads it, and imports this module only — not parse.ts, whose report parser pulls in the probe's
 * and the evidence's whole schemas (WeChat ships every imported module; nothing is tree-shaken).
 */
import { clientObservationSchema, type ClientObservation } from './client';
import { validate, type SchemaNode, type ValidationError } from './validate';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

export function parser<T>(schema: SchemaNode) {
  return (value: unknown): Parsed<T> => {
    const errors = validate(schema, value);
    return errors.length === 0 ? { ok: true, value: value as T } : { ok: false, errors };
  };
}

export const parseClientObservation = parser<ClientObservation>(clientObservationSchema);
