import { describe, expect, it } from 'vitest';
import { CAUSES, KINDS, PHASE_KINDS, PHASES, phaseOfKind } from './codes';

// Frozen lists: these codes are a public contract. Adding a code means adding it here too;
// renaming or dropping one makes this test fail on purpose.
const FROZEN_PHASE_KINDS = {
  'domain-check': ['not-in-domain-list', 'invalid-url'],
  dns: ['name-not-resolved', 'httpdns-failure'],
  tcp: [
    'connection-refused',
    'connection-timeout',
    'address-unreachable',
    'connection-reset',
    'connection-closed',
  ],
  tls: [
    'ssl-handshake',
    'ssl-version-or-cipher',
    'cert-authority-invalid',
    'cert-date-invalid',
    'cert-name-invalid',
    'cert-invalid',
  ],
  timeout: ['timeout'],
  client: [
    'offline',
    'proxy',
    'aborted',
    'too-many-requests',
    'interrupted',
    'network-changed',
    'invalid-request',
    'local-file',
    'socket-not-open',
  ],
  http: ['too-many-redirects', 'response-decode', 'http-status'],
  unknown: ['unknown'],
};

const FROZEN_CAUSES = [
  'ok',
  'domain-not-in-list',
  'domain-check-bypassed',
  'icp-filing-block',
  'dns-failure',
  'dns-mismatch',
  'tcp-refused',
  'tcp-timeout',
  'tls-reset',
  'tls-version-unsupported',
  'tls-handshake-failure',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-hostname-mismatch',
  'cert-self-signed',
  'cert-untrusted-root',
  'cert-chain-incomplete',
  'cert-weak',
  'not-https',
  'ip-or-localhost-url',
  'http-error-status',
  'redirect-problem',
  'server-slow',
  'client-network',
  'intermittent',
  'unknown',
];

describe('taxonomy codes', () => {
  it('keeps every frozen phase and kind, under the same phase', () => {
    for (const [phase, kinds] of Object.entries(FROZEN_PHASE_KINDS)) {
      expect(PHASES).toContain(phase);
      for (const kind of kinds) expect(PHASE_KINDS[phase as keyof typeof PHASE_KINDS]).toContain(kind);
    }
  });

  it('keeps every frozen cause', () => {
    for (const cause of FROZEN_CAUSES) expect(CAUSES).toContain(cause);
  });

  it('has no duplicate codes and each kind belongs to one phase', () => {
    expect(new Set(KINDS).size).toBe(KINDS.length);
    expect(new Set(CAUSES).size).toBe(CAUSES.length);
    for (const kind of KINDS)
      expect((PHASE_KINDS[phaseOfKind(kind)] as readonly string[]).includes(kind)).toBe(true);
  });

  it('adds nothing that the frozen list does not know (update both together)', () => {
    expect([...KINDS].sort()).toEqual(Object.values(FROZEN_PHASE_KINDS).flat().sort());
    expect([...CAUSES].sort()).toEqual([...FROZEN_CAUSES].sort());
  });
});
