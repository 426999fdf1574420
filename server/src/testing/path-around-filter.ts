/**
 * A second network path to a lab case behind the SNI filter: the same name and port reach the
 * healthy backend without crossing the filter, as from a vantage whose route avoids a cloud edge's
 * filing check. It is the lab's own relay with nothing blocked, listening on an address of its own
 * (127.77.3.1, the case's port), so a probe resolving the name there (`--resolve`) sees the backend.
 */
import { createIcpMiddlebox } from '../../lab/icp-middlebox';
import type { LabEndpoint } from '../../lab/lab';
import { serve } from '../../lab/serving';

export const AROUND_FILTER_ADDRESS = '127.77.3.1';

export async function startPathAroundFilter(
  endpoint: LabEndpoint,
): Promise<{ address: string; port: number; resolve: string; close(): Promise<void> }> {
  if (!endpoint.backend) throw new Error(`lab case ${endpoint.case} has no filter to go around`);
  const relay = createIcpMiddlebox({
    blockedNames: new Set(),
    leakProbability: 0,
    random: () => 0.5,
    splitHelloPasses: true,
    backend: { host: endpoint.backend.address, port: endpoint.backend.port },
  });
  const served = await serve(relay.server, AROUND_FILTER_ADDRESS, endpoint.port);
  return {
    address: AROUND_FILTER_ADDRESS,
    port: served.port,
    resolve: `${endpoint.name}:${endpoint.port}:${AROUND_FILTER_ADDRESS}`,
    close: () => served.stop(),
  };
}
