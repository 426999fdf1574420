/**
 * `startLab`: every failure wxprobe diagnoses, for real, on loopback. One call makes the lab's
 * certificates, starts each case's server on its own address (127.77.0.<octet>, ephemeral ports),
 * the AIA server and the DNS server, and writes the lab root CA to a temp file for `--ca`.
 * `close()` stops all of it and removes the temp files.
 */
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cause, Localized } from '../../shared/taxonomy/codes';
import { receiversShareThisLoop } from '../src/probe/wire-tap';
import { startCase, type CaseContext, type RunningCase } from './case-servers';
import { startDnsServer } from './dns-server';
import { createLabZone } from './dns-zone';
import type { IcpDecision } from './icp-middlebox';
import {
  INFRA_OCTETS,
  LAB_CASES,
  OFFSITE_NAME,
  REBIND_SECOND_ADDRESS,
  caseSpec,
  hostOfCase,
  isLabCaseName,
  type LabCaseName,
} from './manifest';
import { makeLabPki } from './pki';
import { seededRandom } from './prng';
import { serve, type Stoppable } from './serving';

export type LabOptions = {
  /** Only these cases (default: all). The ok endpoint always runs: other cases point at it. */
  cases?: string[];
  /** Share of blocked ClientHellos the ICP filter lets through. Default 0.02. */
  leakProbability?: number;
  /** Seed of the ICP filter's leaks (default: random; `lab.seed` tells which). */
  seed?: number;
  /** How long `slow` waits before answering. Default 15 000 ms. */
  slowDelayMs?: number;
  /** Share of random-resets' connections reset after the ClientHello, whatever the SNI. Default 0.3. */
  randomResetShare?: number;
  /** Whether a ClientHello split over TCP segments slips through the ICP filter. Default true. */
  splitHelloPasses?: boolean;
  /** SNI / Host names the ICP filters block. Default: the two icp case names. */
  blockedNames?: string[];
  /**
   * Bind everything to this one loopback address (distinct ports) instead of one 127.77.0.<octet>
   * address per case. For systems without the whole 127/8 on lo (macOS: '127.0.0.1').
   */
  host?: string;
  /** Bind 443/80 (and the AIA server on 80) instead of ephemeral ports. Needs root. Not the default. */
  realPorts?: boolean;
};

export type LabEndpoint = {
  case: string;
  name: string;
  url: string;
  address: string;
  port: number;
  httpPort: number | null;
  expectedCause: Cause;
  wrong: Localized;
  probeArgs: string[];
  /** Behind the SNI filter: the healthy server it guards, for a path that does not cross the filter. */
  backend?: { address: string; port: number };
};

export type Lab = {
  endpoints: LabEndpoint[];
  byCase(name: string): LabEndpoint;
  dnsServer: { address: string; port: number };
  caPem: string;
  caFile: string;
  close(): Promise<void>;
  /** The seed actually used (to replay a run). */
  seed: number;
  /** Cases this machine cannot serve, with why (e.g. dropped without SYN dropping). */
  skipped: { case: string; reason: Localized }[];
  /** The AIA server: serves the lab root, the intermediate and the untrusted root as DER. */
  aia: { baseUrl: string; address: string; port: number };
  /** The rebind name's answers, and how often anything connected to the later one. */
  rebind: {
    firstAddress: string;
    laterAddress: string;
    lookups(): number;
    laterAddressConnections(): number;
  };
  /** What an ICP filter decided so far, per decision (icp-block, icp-block-tencent, icp-drop, random-resets). */
  icpDecisions(caseName: string): Record<IcpDecision, number>;
  /** How long startLab took, in ms. */
  startupMs: number;
};

export const DEFAULTS = {
  leakProbability: 0.02,
  randomResetShare: 0.3,
  slowDelayMs: 15_000,
  splitHelloPasses: true,
  blockedNames: [hostOfCase('icp-block'), hostOfCase('icp-block-tencent'), hostOfCase('icp-drop')],
} as const;

const MAX_SLOW_DELAY_MS = 120_000;

/** The lab answers A records only, so a shared host must be IPv4 loopback. */
function isIpv4Loopback(address: string): boolean {
  return net.isIPv4(address) && address.startsWith('127.');
}

function check(options: LabOptions): void {
  const leak = options.leakProbability;
  if (leak !== undefined && !(leak >= 0 && leak <= 1))
    throw new RangeError('leakProbability must be in [0, 1]');
  const share = options.randomResetShare;
  if (share !== undefined && !(share >= 0 && share <= 1))
    throw new RangeError('randomResetShare must be in [0, 1]');
  const slow = options.slowDelayMs;
  if (slow !== undefined && !(slow >= 0 && slow <= MAX_SLOW_DELAY_MS)) {
    throw new RangeError(`slowDelayMs must be in [0, ${MAX_SLOW_DELAY_MS}]`);
  }
  if (options.host !== undefined && !isIpv4Loopback(options.host)) {
    throw new RangeError(`host must be an IPv4 loopback address (127.0.0.0/8), not ${options.host}`);
  }
  if (options.host !== undefined && options.realPorts) {
    throw new RangeError('realPorts needs one address per case: do not combine it with host');
  }
  for (const name of options.cases ?? [])
    if (!isLabCaseName(name)) throw new RangeError(`unknown lab case: ${name}`);
}

function hostPort(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function httpsUrl(name: string, port: number): string {
  return `https://${name}${port === 443 ? '' : `:${port}`}/`;
}

/** Connections to the rebind name's later address are counted, then reset. */
async function startRebindTrap(port: number): Promise<(Stoppable & { count(): number }) | null> {
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  });
  try {
    const served = await serve(server, REBIND_SECOND_ADDRESS, port);
    return { stop: served.stop, count: () => count };
  } catch {
    return null; // nothing bindable there: the later answer then simply refuses or times out
  }
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const t0 = performance.now();
  check(options);
  // the lab's filters read split hellos on this event loop, should this process probe them too
  receiversShareThisLoop();
  const seed = (options.seed ?? randomInt(0, 2 ** 31)) >>> 0;
  const leakProbability = options.leakProbability ?? DEFAULTS.leakProbability;
  const slowDelayMs = options.slowDelayMs ?? DEFAULTS.slowDelayMs;
  const splitHelloPasses = options.splitHelloPasses ?? DEFAULTS.splitHelloPasses;
  const blockedNames = new Set(
    (options.blockedNames ?? DEFAULTS.blockedNames).map((n) => n.toLowerCase().replace(/\.$/, '')),
  );
  const requested = new Set<LabCaseName>(
    (options.cases ?? LAB_CASES.map((c) => c.case)).filter(isLabCaseName),
  );
  const addressOf = (octet: number) => options.host ?? `127.77.0.${octet}`;
  const mainPort = options.realPorts ? 443 : 0;
  const plainPort = options.realPorts ? 80 : 0;

  const stops: (() => Promise<void>)[] = [];
  let tempDir: string | null = null;
  // A safety net for a process that exits without close() (a forgotten close in a test).
  const removeTempDirOnExit = () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.allSettled(stops.reverse().map((stop) => stop()));
    process.off('exit', removeTempDirOnExit);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };

  try {
    tempDir = await mkdtemp(join(tmpdir(), 'wxprobe-lab-'));
    process.once('exit', removeTempDirOnExit);

    // The AIA server first: its URL goes into every certificate.
    const aiaFiles = new Map<string, Buffer>();
    const aiaAddress = addressOf(INFRA_OCTETS.aia);
    const aiaServer = http.createServer((req, res) => {
      const body = aiaFiles.get((req.url ?? '').split('?')[0] ?? '');
      if (!body) {
        res.writeHead(404, { 'Content-Length': 0 });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/pkix-cert', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    const aia = await serve(aiaServer, aiaAddress, plainPort);
    stops.push(aia.stop);
    const aiaBaseUrl = `http://${hostOfCase('aia')}${aia.port === 80 ? '' : `:${aia.port}`}`;

    const now = Date.now();
    const pki = await makeLabPki(aiaBaseUrl, now);
    for (const [path, der] of pki.aiaFiles) aiaFiles.set(path, der);

    const contextFor = (name: LabCaseName, okPort: number): CaseContext => {
      const octet = caseSpec(name).octet ?? 1;
      return {
        name,
        address: addressOf(octet),
        port: mainPort,
        httpPort: plainPort,
        pki,
        now,
        slowDelayMs,
        okPort,
        icp: {
          blockedNames,
          leakProbability,
          random: seededRandom(seed + octet),
          splitHelloPasses,
          randomResetShare: options.randomResetShare ?? DEFAULTS.randomResetShare,
          backendAddress: addressOf(INFRA_OCTETS.icpBackend),
        },
      };
    };

    // ok first: the DNS cases, the offsite redirect and the rebind name all point at it.
    const ok = await startCase(contextFor('ok', 0));
    if (ok.kind !== 'running') throw new Error('the ok endpoint could not start');
    stops.push(ok.stop);
    const okAddress = addressOf(caseSpec('ok').octet ?? 1);

    const started = new Map<LabCaseName, RunningCase>([['ok', ok]]);
    const skipped: { case: string; reason: Localized }[] = [];
    const startAll = async (names: LabCaseName[]) => {
      const outcomes = await Promise.allSettled(
        names.map(async (name) => ({ name, result: await startCase(contextFor(name, ok.port)) })),
      );
      let failure: unknown = null;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          failure ??= outcome.reason;
          continue;
        }
        const { name, result } = outcome.value;
        if (result.kind === 'running') {
          stops.push(result.stop);
          started.set(name, result);
        } else skipped.push({ case: name, reason: result.reason });
      }
      if (failure) throw failure;
    };
    const serverCases = LAB_CASES.filter(
      (c) => c.octet !== null && c.case !== 'ok' && requested.has(c.case),
    ).map((c) => c.case);
    // refused only reserves a free port number: take it after every other bind, so none reuses it.
    await startAll(serverCases.filter((name) => name !== 'refused'));
    await startAll(serverCases.filter((name) => name === 'refused'));

    const rebindTrap = options.host === undefined ? await startRebindTrap(ok.port) : null;
    if (rebindTrap) stops.push(rebindTrap.stop);

    const addresses = new Map<string, string>([
      [hostOfCase('aia'), aiaAddress],
      [OFFSITE_NAME, okAddress],
    ]);
    for (const [name] of started) addresses.set(hostOfCase(name), addressOf(caseSpec(name).octet ?? 1));
    const extraAddresses = new Map<string, readonly string[]>();
    for (const [name, running] of started)
      if (running.extraAddresses) extraAddresses.set(hostOfCase(name), running.extraAddresses);
    const zone = createLabZone({
      addresses,
      rebindFirst: okAddress,
      rebindLater: REBIND_SECOND_ADDRESS,
      extraAddresses,
    });
    const dns = await startDnsServer(options.host ?? '127.0.0.1', 0, zone);
    stops.push(dns.stop);

    const caFile = join(tempDir, 'wxprobe-lab-ca.pem');
    await writeFile(caFile, pki.caPem);

    const dnsArg = hostPort(dns.address, dns.port);
    const endpoints: LabEndpoint[] = [];
    for (const spec of LAB_CASES) {
      if (!requested.has(spec.case)) continue;
      const running = spec.octet === null ? ok : started.get(spec.case);
      if (!running) continue;
      const name = hostOfCase(spec.case);
      const url = httpsUrl(name, running.port);
      const httpPort = spec.octet === null ? null : running.httpPort;
      endpoints.push({
        case: spec.case,
        name,
        url,
        address: addressOf(spec.octet ?? caseSpec('ok').octet ?? 1),
        port: running.port,
        httpPort,
        expectedCause: spec.expectedCause,
        wrong: spec.wrong,
        ...(running.backend ? { backend: running.backend } : {}),
        probeArgs: [
          'probe',
          url,
          '--dns-server',
          dnsArg,
          '--ca',
          caFile,
          '--allow-private',
          ...(httpPort === null ? [] : ['--http-port', String(httpPort)]),
        ],
      });
    }

    const byCase = (name: string): LabEndpoint => {
      const found = endpoints.find((e) => e.case === name);
      if (found) return found;
      const skip = skipped.find((s) => s.case === name);
      if (skip) throw new Error(`lab case ${name} was skipped: ${skip.reason.en}`);
      if (isLabCaseName(name)) throw new Error(`lab case ${name} was not started (see LabOptions.cases)`);
      throw new Error(`unknown lab case: ${name}`);
    };

    return {
      endpoints,
      byCase,
      dnsServer: { address: dns.address, port: dns.port },
      caPem: pki.caPem,
      caFile,
      close,
      seed,
      skipped,
      aia: { baseUrl: aiaBaseUrl, address: aiaAddress, port: aia.port },
      rebind: {
        firstAddress: okAddress,
        laterAddress: REBIND_SECOND_ADDRESS,
        lookups: zone.rebindLookups,
        laterAddressConnections: () => rebindTrap?.count() ?? 0,
      },
      icpDecisions: (caseName) => {
        const decisions = isLabCaseName(caseName) ? started.get(caseName)?.icpDecisions : undefined;
        if (!decisions) throw new Error(`${caseName} is not a running ICP case`);
        return { ...decisions };
      },
      startupMs: performance.now() - t0,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
