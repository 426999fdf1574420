/**
 * The one JSON schema of probe options as data (ProbeOptionsInput). The API body's `options` is a
 * pick of its properties (narrowed to what a stranger may ask for), so the body, the CLI flags and
 * the environment agree on names, ranges and the host-name pattern. The type check at the bottom
 * fails to compile when this schema and the declared type drift apart.
 */
import type { Infer } from '../../../shared/observations/json-schema';
import { ATTEMPT_MODES } from '../../../shared/observations/vocabulary';
import { OPTION_RANGES, PORT_RANGE, type ProbeOptionsInput } from './options';
import { HOST_NAME_PATTERN } from './parsers';

const wholeNumber = <R extends { min: number; max: number }>(range: R, description: string) =>
  ({ type: 'integer', minimum: range.min, maximum: range.max, description }) as const;

export const probeOptionsInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attempts: wholeNumber(OPTION_RANGES.attempts, 'attempts per TLS variant'),
    attemptMode: {
      enum: ATTEMPT_MODES,
      description: 'adaptive: stop early when every variant agrees on success; exact: run `attempts`',
    },
    timeoutMs: wholeNumber(OPTION_RANGES.timeoutMs, 'timeout of each step (ms)'),
    totalTimeoutMs: wholeNumber(OPTION_RANGES.totalTimeoutMs, 'time budget of the whole probe (ms)'),
    controlSni: { type: 'string', pattern: HOST_NAME_PATTERN, description: 'control SNI host name' },
    method: { type: 'string', pattern: '^[A-Za-z]+$', description: 'HTTP method of the HTTP step' },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'extra request headers of the HTTP step',
    },
    dnsServer: {
      anyOf: [{ type: 'string' }, { type: 'null' }],
      description: 'DNS server addr[:port]; null uses the system resolver',
    },
    resolve: {
      type: 'array',
      items: {
        type: 'object',
        required: ['host', 'port', 'address'],
        additionalProperties: false,
        properties: {
          host: { type: 'string' },
          port: { anyOf: [wholeNumber(PORT_RANGE, 'port'), { const: '*' }] },
          address: { type: 'string' },
        },
      },
      description: 'curl-style fixed addresses (host, port or *, address)',
    },
    ca: { type: 'array', items: { type: 'string' }, description: 'extra trusted roots, PEM text' },
    allowPrivate: { type: 'boolean', description: 'turn the address policy off' },
    allowCidrs: {
      type: 'array',
      items: { type: 'string' },
      description: 'CIDRs the probe may reach despite the address policy',
    },
    httpPort: wholeNumber(
      OPTION_RANGES.httpPort,
      'port of the plain-HTTP check on the same address (default 80)',
    ),
  },
} as const;

export type ProbeOptionsInputProperty = keyof typeof probeOptionsInputSchema.properties;

/** Some of the schema's properties, e.g. for a request body that accepts only those. */
export function pickOptionSchemas<const K extends readonly ProbeOptionsInputProperty[]>(
  keys: K,
): { [P in K[number]]: (typeof probeOptionsInputSchema.properties)[P] } {
  return Object.fromEntries(keys.map((key) => [key, probeOptionsInputSchema.properties[key]])) as {
    [P in K[number]]: (typeof probeOptionsInputSchema.properties)[P];
  };
}

// Compile-time: the schema describes exactly ProbeOptionsInput (same keys, same value types).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<
  Required<Infer<typeof probeOptionsInputSchema>>,
  Required<ProbeOptionsInput>
> = true;
void schemaMatchesType;
