/**
 * A small JSON Schema validator for the subset our schemas use. Why not Ajv here: shared/ also runs
 * inside WeChat, where `new Function`/eval (Ajv's code generation) is forbidden, and shared/ carries
 * no npm runtime dependency. The server validates the same schema objects with Fastify's Ajv; a test
 * checks both agree. Supported: type, enum, const, properties, required, additionalProperties,
 * items, minimum, maximum, minLength, maxLength, pattern, minItems, maxItems, anyOf.
 */

export type SchemaNode = { readonly [key: string]: unknown };
export type ValidationError = { path: string; message: string };

const MAX_ERRORS = 20;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeOf(value) === type;
  }
}

/** Patterns compiled once, with the `u` flag as Ajv compiles them. */
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function check(schema: SchemaNode, value: unknown, path: string, errors: ValidationError[]): void {
  if (errors.length >= MAX_ERRORS) return;
  const fail = (message: string) => errors.push({ path: path || '/', message });

  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as SchemaNode[];
    let best: ValidationError[] | null = null;
    for (const branch of branches) {
      const branchErrors: ValidationError[] = [];
      check(branch, value, path, branchErrors);
      if (branchErrors.length === 0) return;
      // Report the branch whose type matched: its errors say what is really wrong.
      const typeMatched = !branchErrors.some(
        (e) => e.path === (path || '/') && e.message.startsWith('must be '),
      );
      if (typeMatched && (best === null || branchErrors.length < best.length)) best = branchErrors;
    }
    if (best) errors.push(...best);
    else fail(`does not match any allowed form`);
    return;
  }

  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`must be ${types.join(' or ')}, got ${typeOf(value)}`);
      return;
    }
  }
  if ('const' in schema && value !== schema.const) {
    fail(`must be ${JSON.stringify(schema.const)}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never)) {
    fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
    return;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be >= ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be <= ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      fail(`must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      fail(`must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !patternOf(schema.pattern).test(value))
      fail(`must match pattern ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      fail(`must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      fail(`must have at most ${schema.maxItems} items`);
      return;
    }
    if (schema.items && typeof schema.items === 'object') {
      value.forEach((item, i) => check(schema.items as SchemaNode, item, pointer(path, i), errors));
    }
  }
  if (matchesType(value, 'object')) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, SchemaNode>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in obj) || obj[key] === undefined)
        errors.push({ path: pointer(path, key), message: 'is required' });
    }
    for (const [key, child] of Object.entries(obj)) {
      if (child === undefined) continue;
      const propSchema = props[key];
      if (propSchema) check(propSchema, child, pointer(path, key), errors);
      else if (schema.additionalProperties === false) fail(`has unknown property ${JSON.stringify(key)}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        check(schema.additionalProperties as SchemaNode, child, pointer(path, key), errors);
    }
  }
}

/** Validate a value; returns the errors (empty when valid), each with a JSON pointer and a reason. */
export function validate(schema: SchemaNode, value: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  check(schema, value, '', errors);
  return errors.slice(0, MAX_ERRORS);
}

/** One line a person can read: "/attempts/0/ok must be boolean, got string; …". */
export function formatValidationErrors(errors: ValidationError[]): string {
  return errors.map((e) => `${e.path} ${e.message}`).join('; ');
}
