/**
 * The environment of a fleet server in tests: on the given database, configured for the lab's
 * loopback targets as an operator would, short probe budgets so killed workers' jobs come back
 * within seconds, limits lifted (the limits have tests of their own).
 */
import type { Lab } from '../../lab/lab';

export function fleetServerEnv(
  lab: Lab,
  connectionString: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    WXPROBE_DATABASE_URL: connectionString,
    WXPROBE_ALLOW_CIDRS: '127.0.0.0/8',
    WXPROBE_DNS_SERVER: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    WXPROBE_CA_FILE: lab.caFile,
    // A silent target holds a probe for a few seconds; a killed worker's job comes back within ~20 s.
    WXPROBE_PROBE_TIMEOUT_MS: '3000',
    WXPROBE_PROBE_TOTAL_TIMEOUT_MS: '6000',
    WXPROBE_RATE_LIMIT: '10000',
    WXPROBE_PROBE_RATE_LIMIT: '10000',
    WXPROBE_LOG_LEVEL: 'warn',
    ...overrides,
  };
}
