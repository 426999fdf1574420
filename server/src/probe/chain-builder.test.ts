/**
 * The probe's own chain building against the lab's real PKI, its AIA URLs answered by a real HTTP
 * server on loopback through the real (pinned) AIA fetch: AIA gives intermediates, never an anchor.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { makeLabPki, type LabPki, type LeafSpec } from '../../lab/pki';
import { serve, type Stoppable } from '../../lab/serving';
import { fetchAia } from './aia-fetch';
import { buildChain, type ChainBuildConfig } from './chain-builder';
import { certificatesIn, trustStore } from './trust-store';

let pki: LabPki;
let server: Stoppable;
let requests: string[] = [];

beforeAll(async () => {
  const files = new Map<string, Buffer>();
  const aia = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/pkix-cert' });
    res.end(body);
  });
  const served = await serve(aia, '127.0.0.1', 0);
  server = served;
  pki = await makeLabPki(`http://aia.chain-test.wxprobe.test:${served.port}`);
  for (const [path, der] of pki.aiaFiles) files.set(path, der);
});
afterAll(async () => server?.stop());

const leafSpec: LeafSpec = { names: ['chain.wxprobe.test'], issuer: 'intermediate', chain: 'leaf-only' };

async function sent(spec: Partial<LeafSpec> = {}) {
  return certificatesIn((await pki.issue({ ...leafSpec, ...spec })).cert);
}

function config(ca: string[], overrides: Partial<ChainBuildConfig> = {}): ChainBuildConfig {
  return {
    store: trustStore(ca),
    // the AIA host resolves to the test's own server: only loopback, ever
    fetchIssuers: (url, timeoutMs) =>
      fetchAia(url, {
        resolveAddress: async () => ({ address: '127.0.0.1' }),
        timeoutMs,
        signal: new AbortController().signal,
      }),
    timeoutMs: 3_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('chain building', () => {
  it('reaches the root from the sent chain alone, fetching nothing', async () => {
    requests = [];
    const built = await buildChain(await sent({ chain: 'full' }), config([pki.caPem]));
    expect(built).toMatchObject({
      anchored: 'sent-chain',
      anchor: { source: 'ca-option', sentIndex: null },
      path: [
        { from: 'sent', index: 0 },
        { from: 'sent', index: 1 },
      ],
      error: null,
      fetches: [],
    });
    expect(requests).toEqual([]);
  });

  it('completes a leaf-only chain with the intermediate fetched over AIA', async () => {
    const built = await buildChain(await sent(), config([pki.caPem]));
    expect(built.anchored).toBe('aia');
    expect(built.path).toEqual([
      { from: 'sent', index: 0 },
      { from: 'aia', index: 0 },
    ]);
    expect(built.fetches).toMatchObject([{ certificates: 1, error: null }]);
    expect(built.fetches[0]?.url).toMatch(/\/lab-intermediate\.cer$/);
  });

  it('follows AIA level by level, and a fetched self-signed root outside the store is no anchor', async () => {
    // without --ca the lab root is trusted by nobody: leaf → intermediate (AIA) → lab root (AIA)
    const built = await buildChain(await sent(), config([]));
    expect(built).toMatchObject({
      anchored: null,
      anchor: null,
      error: { code: PROBE_ERROR_CODES.chainUntrustedRoot },
    });
    expect(built.path.map((l) => l.from)).toEqual(['sent', 'aia', 'aia']);
    expect(built.fetches.map((f) => f.url.replace(/^.*\//, ''))).toEqual([
      'lab-intermediate.cer',
      'lab-root.cer',
    ]);
  });

  it('never takes the private root AIA serves as a trust anchor, though it signed the leaf', async () => {
    const leaf = await sent({ issuer: 'untrusted-root' });
    const built = await buildChain(leaf, config([pki.caPem]));
    expect(built.anchored).toBeNull();
    expect(built.error?.code).toBe(PROBE_ERROR_CODES.chainUntrustedRoot);
    const root = built.fetched[0];
    expect(root && leaf[0]?.verify(root.publicKey)).toBe(true);
  });

  it('a root the server sends too is the anchor when the store holds it, and no part of the path', async () => {
    const withRoot = [...(await sent({ chain: 'full' })), ...certificatesIn(pki.caPem)];
    const built = await buildChain(withRoot, config([pki.caPem]));
    expect(built).toMatchObject({ anchored: 'sent-chain', anchor: { sentIndex: 2 } });
    expect(built.path).toHaveLength(2);
    // the same root sent without the store holding it ends the chain as untrusted
    const untrusted = await buildChain(withRoot, config([]));
    expect(untrusted.error?.code).toBe(PROBE_ERROR_CODES.chainUntrustedRoot);
    expect(untrusted.fetches).toEqual([]);
  });

  it('without AIA a missing issuer stays missing', async () => {
    const built = await buildChain(await sent(), config([pki.caPem], { fetchIssuers: null }));
    expect(built).toMatchObject({
      anchored: null,
      error: { code: PROBE_ERROR_CODES.chainNoIssuer },
      fetches: [],
    });
  });

  it('stops at its bounds: no time left means no fetch', async () => {
    requests = [];
    const built = await buildChain(await sent(), config([pki.caPem], { timeoutMs: 0 }));
    expect(built.error?.code).toBe(PROBE_ERROR_CODES.aiaLimit);
    expect(built.fetches).toEqual([]);
    expect(requests).toEqual([]);
  });
});
