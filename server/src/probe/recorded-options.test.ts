import { describe, expect, it } from 'vitest';
import { recordedOptionsSchema, validate } from '../../../shared/observations/index';
import { DEFAULT_PROBE_OPTIONS } from './probe';
import { recordedOptions } from './recorded-options';

describe('the recorded options', () => {
  const options = {
    ...DEFAULT_PROBE_OPTIONS,
    headers: { Authorization: 'Bearer secret-token', 'X-Trace': '1' },
    ca: ['-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n'],
    resolve: [{ host: 'api.example.com', port: 443 as const, address: '127.0.0.1' }],
    allowCidrs: ['127.0.0.0/8'],
  };

  it('are exactly what the schema describes', () => {
    expect(validate(recordedOptionsSchema, recordedOptions(options))).toEqual([]);
    expect(Object.keys(recordedOptions(options)).sort()).toEqual(
      Object.keys(recordedOptionsSchema.properties).sort(),
    );
  });

  it('keep secrets out: header names without values, the number of extra roots without the PEM', () => {
    const recorded = recordedOptions(options);
    expect(recorded.headerNames).toEqual(['Authorization', 'X-Trace']);
    expect(recorded.caCount).toBe(1);
    expect(JSON.stringify(recorded)).not.toMatch(/secret-token|BEGIN CERTIFICATE/);
    expect(recorded.resolve).toEqual(['api.example.com:443:127.0.0.1']);
  });
});
