/**
 * Starts the server(s) behind one lab case on its own loopback address: which TLS settings, which
 * certificate, which answer. The manifest says what each case is for; this file says how it is done.
 */
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import type { Localized } from '../../shared/taxonomy/codes';
import { startAddressPair } from './address-cases';
import { createBlockingHttpServer, type BlockStyle } from './block-pages';
import * as respond from './http-responses';
import { createIcpMiddlebox, type IcpDecision } from './icp-middlebox';
import { OFFSITE_NAME, WRONG_HOST_CERT_NAME, hostOfCase, type LabCaseName } from './manifest';
import type { LabPki, LeafSpec, ServerCredentials } from './pki';
import type { Random } from './prng';
import { serve } from './serving';
import { createHelloResponder, reserveClosedPort, startDropped } from './tcp-behaviours';

const DAY_MS = 86_400_000;

/** Old protocol versions and weak keys only work at OpenSSL 3 security level 0. */
const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';

/** RSA-only suites: unusable with the lab's ECDSA certificate, so no client shares a cipher. */
const RSA_ONLY_CIPHERS = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:AES128-GCM-SHA256';

export type CaseContext = {
  name: LabCaseName;
  address: string;
  /** Port to bind for the case's main port: 0 (ephemeral) or 443 with real ports. */
  port: number;
  /** Port to bind for its plain-HTTP port: 0 or 80. */
  httpPort: number;
  pki: LabPki;
  now: number;
  slowDelayMs: number;
  /** The ok endpoint's port: where the offsite redirect target is served. */
  okPort: number;
  icp: {
    blockedNames: ReadonlySet<string>;
    leakProbability: number;
    random: Random;
    splitHelloPasses: boolean;
    backendAddress: string;
    /** random-resets: the share of all its connections reset after the ClientHello */
    randomResetShare: number;
  };
};

export type RunningCase = {
  kind: 'running';
  port: number;
  httpPort: number | null;
  stop(): Promise<void>;
  icpDecisions?: Record<IcpDecision, number>;
  /** further addresses the name answers with (A for IPv4, AAAA for IPv6): the multi-address cases */
  extraAddresses?: readonly string[];
  /** The healthy server behind the SNI filter (the cases behind the middlebox): the path around it. */
  backend?: { address: string; port: number };
};
export type StartedCase = RunningCase | { kind: 'skipped'; reason: Localized };

/** The names the ok certificate covers: itself, the DNS cases that borrow it, the offsite target. */
export const OK_CERT_NAMES = [
  hostOfCase('ok'),
  hostOfCase('cname'),
  hostOfCase('cname-2'),
  hostOfCase('rebind'),
  hostOfCase('nxdomain'),
  hostOfCase('servfail'),
  hostOfCase('empty'),
  hostOfCase('timeout'),
  OFFSITE_NAME,
];

function portSuffix(scheme: 'http' | 'https', port: number): string {
  return (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80) ? '' : `:${port}`;
}

function leafFor(ctx: CaseContext): LeafSpec {
  const names = [hostOfCase(ctx.name)];
  const base: LeafSpec = { names, issuer: 'intermediate', chain: 'full' };
  switch (ctx.name) {
    case 'ok':
      return { ...base, names: OK_CERT_NAMES };
    case 'expired':
      return {
        ...base,
        notBefore: new Date(ctx.now - 120 * DAY_MS),
        notAfter: new Date(ctx.now - 30 * DAY_MS),
      };
    case 'not-yet-valid':
      return {
        ...base,
        notBefore: new Date(ctx.now + 30 * DAY_MS),
        notAfter: new Date(ctx.now + 120 * DAY_MS),
      };
    case 'wrong-host':
      return { ...base, names: [WRONG_HOST_CERT_NAME] };
    case 'self-signed':
      return { ...base, issuer: 'self' };
    case 'untrusted-root':
      return { ...base, issuer: 'untrusted-root' };
    case 'incomplete-chain':
      return { ...base, chain: 'leaf-only' };
    case 'cn-only':
      return { ...base, san: false };
    case 'aia-private-root':
      // the leaf alone, its AIA URL serving the self-signed private root that issued it
      return { ...base, issuer: 'untrusted-root', chain: 'leaf-only' };
    case 'weak-key':
      return { ...base, weak: true };
    default:
      return base;
  }
}

async function running(
  server: net.Server,
  ctx: CaseContext,
  extra: { httpPort?: number | null; stopAlso?: () => Promise<void> } = {},
): Promise<RunningCase> {
  const served = await serve(server, ctx.address, ctx.port);
  return {
    kind: 'running',
    port: served.port,
    httpPort: extra.httpPort ?? null,
    stop: async () => {
      await served.stop();
      await extra.stopAlso?.();
    },
  };
}

function httpsServer(
  creds: ServerCredentials,
  listener: http.RequestListener,
  tlsOptions: tls.TlsOptions = {},
): https.Server {
  const server = https.createServer(
    {
      key: creds.key,
      cert: creds.cert,
      ALPNProtocols: ['http/1.1'],
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      ...tlsOptions,
    },
    listener,
  );
  server.on('tlsClientError', () => undefined);
  return server;
}

/** Awaits the next server of a multi-server case; if it fails, stops the ones already up. */
async function orStop<T>(next: Promise<T>, ...already: { stop(): Promise<void> }[]): Promise<T> {
  try {
    return await next;
  } catch (error) {
    await Promise.allSettled(already.map((s) => s.stop()));
    throw error;
  }
}

/** The case's plain-HTTP port, when it has one. */
async function plainHttpPort(ctx: CaseContext, listener: http.RequestListener) {
  return serve(http.createServer(listener), ctx.address, ctx.httpPort);
}

/** A healthy backend behind the lab's middlebox, the middlebox on the case's address. */
async function behindMiddlebox(
  ctx: CaseContext,
  creds: ServerCredentials,
  filter: { blockedNames: ReadonlySet<string>; resetShare: number; blockAction?: 'reset' | 'drop' },
) {
  const backend = await serve(httpsServer(creds, respond.healthy(ctx.name)), ctx.icp.backendAddress, 0);
  const middlebox = createIcpMiddlebox({
    ...filter,
    leakProbability: ctx.icp.leakProbability,
    random: ctx.icp.random,
    splitHelloPasses: ctx.icp.splitHelloPasses,
    backend: { host: ctx.icp.backendAddress, port: backend.port },
  });
  const front = await orStop(serve(middlebox.server, ctx.address, ctx.port), backend);
  return { backend, middlebox, front };
}

/** The middlebox in front of a healthy backend, nothing else: no plain-HTTP port, no block page. */
async function startMiddleboxOnly(
  ctx: CaseContext,
  creds: ServerCredentials,
  filter: Parameters<typeof behindMiddlebox>[2],
): Promise<RunningCase> {
  const { backend, middlebox, front } = await behindMiddlebox(ctx, creds, filter);
  return {
    kind: 'running',
    port: front.port,
    httpPort: null,
    icpDecisions: middlebox.decisions,
    backend: { address: ctx.icp.backendAddress, port: backend.port },
    stop: async () => {
      await Promise.all([front.stop(), backend.stop()]);
    },
  };
}

async function startIcpCase(
  ctx: CaseContext,
  creds: ServerCredentials,
  style: BlockStyle,
): Promise<RunningCase> {
  const filter = { blockedNames: ctx.icp.blockedNames, resetShare: 0 };
  const { backend, middlebox, front } = await behindMiddlebox(ctx, creds, filter);
  const blockingHttp = createBlockingHttpServer({
    style,
    blockedNames: ctx.icp.blockedNames,
    passthrough: respond.upgradeToHttps(front.port),
  });
  const httpSide = await orStop(serve(blockingHttp, ctx.address, ctx.httpPort), backend, front);
  return {
    kind: 'running',
    port: front.port,
    httpPort: httpSide.port,
    icpDecisions: middlebox.decisions,
    backend: { address: ctx.icp.backendAddress, port: backend.port },
    stop: async () => {
      await Promise.all([front.stop(), httpSide.stop(), backend.stop()]);
    },
  };
}

export async function startCase(ctx: CaseContext): Promise<StartedCase> {
  const host = hostOfCase(ctx.name);
  const issue = () => ctx.pki.issue(leafFor(ctx));
  switch (ctx.name) {
    case 'ok': {
      const creds = await issue();
      const started = await running(httpsServer(creds, respond.healthy(ctx.name)), ctx);
      const plain = await orStop(plainHttpPort(ctx, respond.upgradeToHttps(started.port)), started);
      return {
        ...started,
        httpPort: plain.port,
        stop: async () => {
          await Promise.all([started.stop(), plain.stop()]);
        },
      };
    }
    case 'expired':
    case 'not-yet-valid':
    case 'wrong-host':
    case 'self-signed':
    case 'untrusted-root':
    case 'incomplete-chain':
    case 'cn-only':
    case 'aia-private-root':
      return running(httpsServer(await issue(), respond.healthy(ctx.name)), ctx);
    case 'weak-key':
      // The server itself must accept its RSA-1024/SHA-1 certificate: security level 0.
      return running(httpsServer(await issue(), respond.healthy(ctx.name), { ciphers: LEGACY_CIPHERS }), ctx);
    case 'tls10-only':
    case 'tls11-only': {
      const version = ctx.name === 'tls10-only' ? 'TLSv1' : 'TLSv1.1';
      const options = { minVersion: version, maxVersion: version, ciphers: LEGACY_CIPHERS } as const;
      return running(httpsServer(await issue(), respond.healthy(ctx.name), options), ctx);
    }
    case 'no-shared-cipher':
      return running(
        httpsServer(await issue(), respond.healthy(ctx.name), {
          maxVersion: 'TLSv1.2',
          ciphers: RSA_ONLY_CIPHERS,
        }),
        ctx,
      );
    case 'icp-block':
      return startIcpCase(ctx, await issue(), 'aliyun');
    case 'icp-block-tencent':
      return startIcpCase(ctx, await issue(), 'tencent');
    case 'random-resets':
      // resets a share of every connection, whatever it names: no filter, no block page
      return startMiddleboxOnly(ctx, await issue(), {
        blockedNames: new Set<string>(),
        resetShare: ctx.icp.randomResetShare,
      });
    case 'icp-drop':
      // an SNI filter that drops (holds the blocked handshakes unanswered) instead of resetting
      return startMiddleboxOnly(ctx, await issue(), {
        blockedNames: ctx.icp.blockedNames,
        resetShare: 0,
        blockAction: 'drop',
      });
    case 'client-cert-required':
      // Node's OpenSSL then fails a handshake without a client certificate: TLS 1.3 with
      // certificate_required (116) after the client's Finished, TLS 1.2 with handshake_failure (40)
      // after its CertificateRequest.
      return running(
        httpsServer(await issue(), respond.healthy(ctx.name), {
          requestCert: true,
          rejectUnauthorized: true,
          ca: [ctx.pki.caPem],
        }),
        ctx,
      );
    case 'reset-all':
      return running(createHelloResponder('reset'), ctx);
    case 'close-after-hello':
      return running(createHelloResponder('close'), ctx);
    case 'hang-after-hello':
      return running(createHelloResponder('hang'), ctx);
    case 'refused': {
      const port = await reserveClosedPort(ctx.address, ctx.port);
      return { kind: 'running', port, httpPort: null, stop: async () => undefined };
    }
    case 'dropped': {
      const dropped = await startDropped(ctx.address, ctx.port);
      if (!dropped.ok) {
        return {
          kind: 'skipped',
          reason: {
            zh: `本机无法模拟 SYN 丢包，跳过 dropped：${dropped.reason}`,
            en: `this machine cannot drop SYNs, dropped is skipped: ${dropped.reason}`,
          },
        };
      }
      return { kind: 'running', port: dropped.port, httpPort: null, stop: dropped.stop };
    }
    case 'plain-http':
      return running(http.createServer(respond.plainText('wxprobe lab: this port speaks plain HTTP')), ctx);
    case 'status-502':
      return running(httpsServer(await issue(), respond.badGateway()), ctx);
    case 'redirect-to-http': {
      const plain = await plainHttpPort(
        ctx,
        respond.plainText('wxprobe lab: redirected here over plain HTTP'),
      );
      const target = `http://${host}${portSuffix('http', plain.port)}/`;
      const redirecting = httpsServer(await issue(), respond.redirectTo(target, 301));
      return orStop(running(redirecting, ctx, { httpPort: plain.port, stopAlso: plain.stop }), plain);
    }
    case 'redirect-loop':
      return running(httpsServer(await issue(), respond.redirectLoop()), ctx);
    case 'redirect-offsite': {
      const target = `https://${OFFSITE_NAME}${portSuffix('https', ctx.okPort)}/`;
      return running(httpsServer(await issue(), respond.redirectTo(target, 302)), ctx);
    }
    case 'slow':
      return running(httpsServer(await issue(), respond.slow(ctx.name, ctx.slowDelayMs)), ctx);
    case 'h2-only': {
      const creds = await issue();
      const server = http2.createSecureServer({ key: creds.key, cert: creds.cert, allowHTTP1: false });
      server.on('stream', (stream) => {
        const body = `${JSON.stringify({ lab: 'wxprobe', case: ctx.name, ok: true, protocol: 'h2' })}\n`;
        stream.respond({ ':status': 200, 'content-type': 'application/json; charset=utf-8' });
        stream.end(body);
      });
      // A client that negotiated no ALPN at all is dropped at once (HTTP/1.1 is refused).
      server.on('unknownProtocol', (socket: tls.TLSSocket) => socket.destroy());
      server.on('tlsClientError', () => undefined);
      server.on('sessionError', () => undefined);
      return running(server, ctx);
    }
    case 'several-addresses': {
      // the same name and port, the second address with a certificate that expired 30 days ago
      const good = await issue();
      const expired = await ctx.pki.issue({
        ...leafFor(ctx),
        notBefore: new Date(ctx.now - 120 * DAY_MS),
        notAfter: new Date(ctx.now - 30 * DAY_MS),
      });
      return startAddressPair(ctx, {
        good: () => httpsServer(good, respond.healthy(ctx.name)),
        bad: () => httpsServer(expired, respond.healthy(ctx.name)),
      });
    }
    case 'broken-aaaa': {
      const good = await issue();
      return startAddressPair(ctx, {
        good: () => httpsServer(good, respond.healthy(ctx.name)),
        bad: () => createHelloResponder('reset'),
      });
    }
    case 'nxdomain':
    case 'servfail':
    case 'empty':
    case 'timeout':
    case 'cname':
    case 'rebind':
      throw new Error(`${ctx.name} is a DNS case: it has no server of its own`);
  }
}
