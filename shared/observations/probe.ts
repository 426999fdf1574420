/**
 * `wxprobe.probe/1`: everything the outside probe saw of a URL, raw. Measurement only: operations,
 * raw Node/undici error code + syscall + message, bytes, timings, addresses, certificate fields.
 * Never a cause: that is shared/diagnose's job. Every section may be null when the step never ran
 * (e.g. an unparseable URL), and `steps` says how each step ended so partial observations are honest.
 */
import { closedObject, orNull, type Infer } from './json-schema';
import {
  ATTEMPT_MODES,
  ATTEMPT_PLAN_REASONS,
  CHAIN_ANCHORED_VIA,
  PROBE_ERROR_CODE_LIST,
  PROBE_ERROR_CODE_PREFIX,
  PROBE_STEPS,
  STEP_STATUSES,
  TLS_VARIANT_IDS,
  TRUST_ANCHOR_SOURCES,
  type ProbeStep,
  type StepStatus,
} from './vocabulary';

export const PROBE_SCHEMA_ID = 'wxprobe.probe/1';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const intOrNull = { type: ['integer', 'null'] } as const;

/** Each key of a table, with the same schema: `{target: S, dns: S, …}` from PROBE_STEPS. */
function keyedBy<const K extends readonly string[], const S>(keys: K, schema: S) {
  return Object.fromEntries(keys.map((key) => [key, schema])) as { readonly [P in K[number]]: S };
}

/**
 * An error code as Node / undici / OpenSSL reported it, or one of the probe's own: a code with the
 * probe's prefix must be in PROBE_ERROR_CODES (vocabulary.ts).
 */
const errorCode = {
  type: ['string', 'null'],
  pattern: `^(?!${PROBE_ERROR_CODE_PREFIX})|^(?:${PROBE_ERROR_CODE_LIST.join('|')})$`,
} as const;

/** A raw error as Node or undici reported it: nothing reworded. */
export const probeErrorSchema = {
  type: 'object',
  required: ['code', 'syscall', 'message'],
  properties: { code: errorCode, syscall: strOrNull, message: str },
  additionalProperties: false,
} as const;

const stepStatus = { enum: STEP_STATUSES } as const;
const probeStep = { enum: PROBE_STEPS } as const;

export const targetSchema = {
  type: 'object',
  required: ['input', 'scheme', 'host', 'port', 'explicitPort', 'path', 'hostKind', 'error'],
  properties: {
    input: str,
    scheme: str,
    host: { type: 'string', description: 'ASCII (punycode) host, no brackets' },
    hostUnicode: strOrNull,
    port: { type: 'integer' },
    explicitPort: {
      type: 'boolean',
      description: 'the URL spells a port out (WeChat refuses :443 unless listed)',
    },
    path: str,
    hostKind: { enum: ['name', 'ipv4', 'ipv6', 'localhost', 'none'] },
    numericHostForm: { ...strOrNull, description: 'decimal | octal | hex | short: a numeric IPv4 trick' },
    error: { ...strOrNull, description: 'why the URL could not be parsed' },
  },
  additionalProperties: false,
} as const;

export const dnsSchema = {
  type: 'object',
  required: ['status', 'source', 'server', 'durationMs', 'answers', 'cname', 'errors'],
  properties: {
    status: stepStatus,
    source: { enum: ['resolver', 'override', 'literal'] },
    server: strOrNull,
    durationMs: { type: 'number' },
    answers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'family', 'ttl'],
        properties: { address: str, family: { enum: [4, 6] }, ttl: numOrNull },
        additionalProperties: false,
      },
    },
    cname: { type: 'array', items: str },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rrtype', 'code', 'message'],
        properties: { rrtype: str, code: errorCode, message: str },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const policySchema = {
  type: 'object',
  required: ['enforced', 'allowCidrs', 'checks', 'pinned'],
  properties: {
    enforced: { type: 'boolean', description: 'false when the operator passed --allow-private' },
    allowCidrs: { type: 'array', items: str },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'category', 'allowed', 'reason'],
        properties: {
          address: str,
          category: {
            type: 'string',
            description: 'public | loopback | private | link-local | cgnat | metadata | …',
          },
          allowed: { type: 'boolean' },
          reason: strOrNull,
        },
        additionalProperties: false,
      },
    },
    pinned: { ...strOrNull, description: 'the one checked address every later step connects to' },
  },
  additionalProperties: false,
} as const;

export const tcpSchema = {
  type: 'object',
  required: ['status', 'results'],
  properties: {
    status: stepStatus,
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'family', 'port', 'ok', 'durationMs', 'error'],
        properties: {
          address: str,
          family: { enum: [4, 6] },
          port: { type: 'integer' },
          ok: { type: 'boolean' },
          durationMs: { type: 'number' },
          error: orNull(probeErrorSchema),
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/** How a TLS attempt ended, as seen on the wire. */
export const TLS_ENDS = ['handshake', 'rst', 'fin', 'timeout', 'alert', 'error'] as const;

export const tlsAttemptSchema = {
  type: 'object',
  required: ['ok', 'durationMs', 'end', 'serverBytes', 'alert', 'error', 'protocol', 'cipher', 'alpn'],
  properties: {
    ok: { type: 'boolean' },
    durationMs: { type: 'number' },
    end: { enum: TLS_ENDS },
    serverBytes: { type: 'integer', description: 'bytes the server sent before the attempt ended' },
    alert: orNull({
      type: 'object',
      required: ['level', 'code', 'description'],
      properties: { level: { type: 'integer' }, code: { type: 'integer' }, description: str },
      additionalProperties: false,
    }),
    error: orNull(probeErrorSchema),
    protocol: strOrNull,
    cipher: strOrNull,
    alpn: strOrNull,
    clientCertRequested: {
      type: 'boolean',
      description:
        'the server asked for a client certificate and failed the handshake without one: a CertificateRequest read on the wire (TLS ≤ 1.2) or its alert after the handshake (TLS 1.3); absent = not seen',
    },
  },
  additionalProperties: false,
} as const;

export const tlsVariantSchema = {
  type: 'object',
  required: ['id', 'sni', 'splitHello', 'attempts', 'okCount', 'total'],
  properties: {
    id: { enum: TLS_VARIANT_IDS },
    sni: strOrNull,
    splitHello: { type: 'boolean' },
    attempts: { type: 'array', items: tlsAttemptSchema },
    okCount: { type: 'integer' },
    total: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

export const TLS_VERSIONS = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const;

const failedOfTotalSchema = {
  type: 'object',
  required: ['failed', 'total'],
  properties: { failed: { type: 'integer' }, total: { type: 'integer' } },
  additionalProperties: false,
} as const;

/** What the TLS step planned and why (optional: older observations ran `attempts` per variant, exactly). */
export const attemptPlanSchema = {
  type: 'object',
  required: ['mode', 'requested', 'earlyStopAfter', 'reason'],
  properties: {
    mode: { enum: ATTEMPT_MODES },
    requested: { type: 'integer', description: 'the full count per variant (`attempts`)' },
    earlyStopAfter: {
      type: 'integer',
      description: 'adaptive: consistent successes per variant after which the probe may stop',
    },
    reason: { enum: ATTEMPT_PLAN_REASONS },
    escalation: {
      type: 'object',
      description:
        '`close-to-significance`: the differential that was close (target SNI against the controls, failed attempts) and the count per variant it raised the plan to',
      required: ['target', 'others', 'pValue', 'alpha', 'to'],
      properties: {
        target: failedOfTotalSchema,
        others: failedOfTotalSchema,
        pValue: { type: 'number' },
        alpha: { type: 'number' },
        to: { type: 'integer' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const tlsSchema = {
  type: 'object',
  required: ['status', 'address', 'port', 'variants', 'versions'],
  properties: {
    status: stepStatus,
    address: strOrNull,
    port: { type: 'integer' },
    variants: { type: 'array', items: tlsVariantSchema },
    attemptPlan: attemptPlanSchema,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'attempt'],
        properties: { version: { enum: TLS_VERSIONS }, attempt: tlsAttemptSchema },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const certInfoSchema = {
  type: 'object',
  required: [
    'subject',
    'issuer',
    'serialNumber',
    'notBefore',
    'notAfter',
    'sans',
    'keyType',
    'keyBits',
    'signatureAlgorithm',
    'selfSigned',
    'isCA',
    'fingerprint256',
    'aiaCaIssuers',
  ],
  properties: {
    subject: str,
    issuer: str,
    serialNumber: str,
    notBefore: { type: 'string', description: 'ISO 8601' },
    notAfter: { type: 'string', description: 'ISO 8601' },
    sans: { type: 'array', items: str, description: 'DNS:… and IP Address:… entries' },
    keyType: { type: 'string', description: 'rsa | ec | ed25519 | …' },
    keyBits: intOrNull,
    signatureAlgorithm: str,
    selfSigned: { type: 'boolean' },
    isCA: { type: 'boolean' },
    fingerprint256: str,
    aiaCaIssuers: { type: 'array', items: str },
    eku: {
      anyOf: [{ type: 'array', items: str }, { type: 'null' }],
      description: 'ExtendedKeyUsage OIDs, dotted (1.3.6.1.5.5.7.3.1 = serverAuth); null = no EKU extension',
    },
    nameConstraints: {
      anyOf: [
        {
          type: 'object',
          required: ['permitted', 'excluded'],
          properties: {
            permitted: { type: 'array', items: str },
            excluded: { type: 'array', items: str },
          },
          additionalProperties: false,
        },
        { type: 'null' },
      ],
      description: "subtrees as 'DNS:example.com', 'IP:10.0.0.0/8', 'email:…', 'URI:…', 'DirName', 'other'",
    },
  },
  additionalProperties: false,
} as const;

const verifySchema = closedObject(['ok', 'error'], {
  ok: { type: 'boolean' },
  error: orNull(probeErrorSchema),
});

/**
 * The probe's own chain building, as a client that takes only untrusted intermediates from the
 * server and from AIA would do it: from the leaf, issuer by issuer (name + signature checked), until
 * a root of the trust store (Node's bundled Mozilla roots + `--ca`) — never trusting a fetched one.
 */
const trustSchema = {
  type: 'object',
  required: ['anchored', 'anchor', 'path', 'error', 'fetched', 'fetches'],
  properties: {
    anchored: {
      enum: [...CHAIN_ANCHORED_VIA, null],
      description: 'how a trust anchor was reached: the sent chain alone, only with AIA, or not (null)',
    },
    anchor: orNull({
      type: 'object',
      required: ['subject', 'fingerprint256', 'source', 'sentIndex'],
      properties: {
        subject: str,
        fingerprint256: str,
        source: { enum: TRUST_ANCHOR_SOURCES },
        sentIndex: { ...intOrNull, description: 'its index in chain when the server sent it too' },
      },
      additionalProperties: false,
    }),
    path: {
      type: 'array',
      description: 'the certificates below the anchor, leaf first: an index into chain or into fetched',
      items: {
        type: 'object',
        required: ['from', 'index'],
        properties: { from: { enum: ['sent', 'aia'] }, index: { type: 'integer' } },
        additionalProperties: false,
      },
    },
    error: { ...orNull(probeErrorSchema), description: 'why no anchor was reached' },
    fetched: { type: 'array', items: certInfoSchema, description: 'certificates fetched over AIA' },
    fetches: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url', 'bytes', 'certificates', 'error'],
        properties: {
          url: str,
          bytes: { type: 'integer' },
          certificates: { type: 'integer', description: 'how many certificates the answer held' },
          error: orNull(probeErrorSchema),
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const certificateSchema = {
  type: 'object',
  required: ['status', 'chain', 'verify', 'hostname', 'aia', 'ocspStapled'],
  properties: {
    status: stepStatus,
    chain: { type: 'array', items: certInfoSchema, description: 'as the server sent it, leaf first' },
    verify: { ...verifySchema, description: 'against bundled Mozilla roots + --ca, without AIA' },
    hostname: {
      type: 'object',
      required: ['ok', 'error'],
      properties: { ok: { type: 'boolean' }, error: orNull(probeErrorSchema) },
      additionalProperties: false,
    },
    aia: orNull({
      type: 'object',
      required: ['url', 'fetched', 'bytes', 'error', 'verify'],
      properties: {
        url: strOrNull,
        fetched: { type: 'boolean' },
        bytes: { type: 'integer' },
        error: orNull(probeErrorSchema),
        verify: {
          ...orNull(verifySchema),
          description:
            'whether the chain completed with what AIA gave reaches a trust-store root (see trust)',
        },
      },
      additionalProperties: false,
    }),
    ocspStapled: { type: ['boolean', 'null'] },
    trust: trustSchema,
  },
  additionalProperties: false,
} as const;

export const httpHopSchema = {
  type: 'object',
  required: [
    'url',
    'address',
    'statusCode',
    'headers',
    'protocol',
    'ttfbMs',
    'durationMs',
    'bodyBytes',
    'bodySample',
    'bodyTruncated',
    'error',
  ],
  properties: {
    url: str,
    address: strOrNull,
    statusCode: intOrNull,
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    protocol: { ...strOrNull, description: 'http/1.1 | h2' },
    ttfbMs: numOrNull,
    durationMs: { type: 'number' },
    bodyBytes: { type: 'integer' },
    bodySample: { type: 'string', description: 'first bytes of the body as UTF-8 text (capped)' },
    bodyTruncated: { type: 'boolean' },
    error: orNull(probeErrorSchema),
  },
  additionalProperties: false,
} as const;

export const httpSchema = {
  type: 'object',
  required: ['status', 'method', 'hops', 'timeoutMs'],
  properties: {
    status: stepStatus,
    method: str,
    timeoutMs: { type: 'integer' },
    hops: { type: 'array', items: httpHopSchema },
  },
  additionalProperties: false,
} as const;

export const port80Schema = {
  type: 'object',
  required: [
    'status',
    'address',
    'statusCode',
    'server',
    'location',
    'title',
    'headers',
    'bodySample',
    'error',
  ],
  properties: {
    status: stepStatus,
    address: strOrNull,
    statusCode: intOrNull,
    server: strOrNull,
    location: strOrNull,
    title: strOrNull,
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    bodySample: str,
    error: orNull(probeErrorSchema),
  },
  additionalProperties: false,
} as const;

/**
 * The options the probe ran with, as it records them (server/src/probe/recorded-options.ts): every
 * field it writes, nothing else. Secrets stay out: of `--ca` only the count, of `--header` only the
 * names. Every `wxprobe.probe/1` the probe ever wrote holds these twelve fields; newer ones also `attemptMode`.
 */
export const recordedOptionsSchema = {
  type: 'object',
  required: [
    'attempts',
    'timeoutMs',
    'totalTimeoutMs',
    'controlSni',
    'method',
    'dnsServer',
    'allowPrivate',
    'allowCidrs',
    'resolve',
    'caCount',
    'httpPort',
    'headerNames',
  ],
  properties: {
    attempts: { type: 'integer', description: 'TLS handshakes per variant' },
    attemptMode: { enum: ATTEMPT_MODES, description: 'absent in older observations: exact' },
    timeoutMs: { type: 'integer', description: 'per step / per attempt' },
    totalTimeoutMs: { type: 'integer', description: 'the global budget' },
    controlSni: { type: 'string', description: 'the SNI of the control-sni variant' },
    method: { type: 'string', description: 'HTTP method, upper case' },
    dnsServer: { ...strOrNull, description: "'addr[:port]'; null = the system resolver" },
    allowPrivate: { type: 'boolean', description: 'the address policy was off (--allow-private)' },
    allowCidrs: { type: 'array', items: str, description: 'ranges the address policy let through' },
    resolve: { type: 'array', items: str, description: "curl-style overrides, 'host:port:address'" },
    caCount: { type: 'integer', description: 'extra trusted roots given (--ca); the PEM is not recorded' },
    httpPort: { type: 'integer', description: 'the plain-HTTP port checked for block pages' },
    headerNames: {
      type: 'array',
      items: str,
      description: 'names of the extra request headers; values may carry credentials and are not recorded',
    },
  },
  additionalProperties: false,
} as const;

/**
 * One distinct address the name resolved to (A and AAAA, at most MAX_ADDRESSES_PER_NAME), each
 * measured on its own: TCP, the SNI = host TLS attempts, the certificate and one HTTP request.
 * Phones do not all use the first address (IPv6 mobile networks prefer AAAA; several A records are
 * spread over), so a cause that holds on some addresses only is visible here. The top-level sections
 * stay those of the primary (pinned) address.
 */
export const addressResultSchema = {
  type: 'object',
  required: ['address', 'family', 'primary', 'tcp', 'tls', 'certificate', 'http'],
  properties: {
    address: str,
    family: { enum: [4, 6] },
    primary: { type: 'boolean', description: 'the pinned address the top-level sections measured' },
    tcp: {
      type: 'object',
      required: ['ok', 'durationMs', 'error'],
      properties: {
        ok: { type: 'boolean' },
        durationMs: { type: 'number' },
        error: orNull(probeErrorSchema),
      },
      additionalProperties: false,
    },
    tls: {
      ...orNull({
        type: 'object',
        required: ['okCount', 'total', 'attempts'],
        properties: {
          okCount: { type: 'integer' },
          total: { type: 'integer' },
          attempts: { type: 'array', items: tlsAttemptSchema },
        },
        additionalProperties: false,
      }),
      description: 'the SNI = host attempts; null when TCP did not connect or the URL is not TLS',
    },
    certificate: orNull({
      type: 'object',
      required: ['status', 'verify', 'hostname', 'anchored', 'notAfter', 'fingerprint256'],
      properties: {
        status: stepStatus,
        verify: verifySchema,
        hostname: verifySchema,
        anchored: { enum: [...CHAIN_ANCHORED_VIA, null] },
        notAfter: strOrNull,
        fingerprint256: strOrNull,
      },
      additionalProperties: false,
    }),
    http: orNull({
      type: 'object',
      required: ['statusCode', 'error'],
      properties: { statusCode: intOrNull, error: orNull(probeErrorSchema) },
      additionalProperties: false,
    }),
  },
  additionalProperties: false,
} as const;

export const probeObservationSchema = {
  $id: 'wxprobe.probe/1',
  type: 'object',
  // Each step records its result under its own name (null when it never ran).
  required: ['schema', 'url', 'startedAt', 'durationMs', 'options', 'steps', ...PROBE_STEPS],
  properties: {
    schema: { const: PROBE_SCHEMA_ID },
    url: str,
    startedAt: { type: 'string', description: 'ISO 8601: the clock the certificate dates are judged by' },
    durationMs: { type: 'number' },
    options: recordedOptionsSchema,
    steps: {
      type: 'object',
      properties: keyedBy(PROBE_STEPS, stepStatus),
      additionalProperties: false,
      description: 'step name → how it ended',
    },
    interrupted: {
      type: 'object',
      required: ['steps'],
      properties: {
        steps: {
          type: 'array',
          items: probeStep,
          description: 'the steps that had not ended when it was stopped',
        },
      },
      additionalProperties: false,
      description:
        'present when the caller stopped the probe before it finished (Ctrl-C): the steps that had not ended ' +
        'are `skipped`, and their sections hold only what was measured until then',
    },
    target: targetSchema,
    dns: orNull(dnsSchema),
    policy: orNull(policySchema),
    tcp: orNull(tcpSchema),
    tls: orNull(tlsSchema),
    certificate: orNull(certificateSchema),
    http: orNull(httpSchema),
    port80: orNull(port80Schema),
    addresses: {
      type: 'array',
      items: addressResultSchema,
      description: 'optional: every distinct address measured on its own (absent in older documents)',
    },
  },
  additionalProperties: true,
} as const;

export type ProbeError = Infer<typeof probeErrorSchema>;
export type ProbeSteps = Partial<Record<ProbeStep, StepStatus>>;
export type ProbeTarget = Infer<typeof targetSchema>;
export type ProbeDns = Infer<typeof dnsSchema>;
export type ProbePolicy = Infer<typeof policySchema>;
export type ProbeTcp = Infer<typeof tcpSchema>;
export type TlsEnd = (typeof TLS_ENDS)[number];
export type TlsAttempt = Infer<typeof tlsAttemptSchema>;
export type TlsVariant = Infer<typeof tlsVariantSchema>;
export type TlsVersion = (typeof TLS_VERSIONS)[number];
export type ProbeTls = Infer<typeof tlsSchema>;
export type AttemptPlan = Infer<typeof attemptPlanSchema>;
export type CertInfo = Infer<typeof certInfoSchema>;
export type ProbeCertificate = Infer<typeof certificateSchema>;
export type ProbeTrust = Infer<typeof trustSchema>;
export type HttpHop = Infer<typeof httpHopSchema>;
export type ProbeHttp = Infer<typeof httpSchema>;
export type ProbePort80 = Infer<typeof port80Schema>;
export type RecordedOptions = Infer<typeof recordedOptionsSchema>;
export type AddressResult = Infer<typeof addressResultSchema>;
export type ProbeObservation = Infer<typeof probeObservationSchema>;
