/**
 * A known path asked with a method it does not serve is `405 method-not-allowed` with `Allow`, not a
 * 404 that suggests the report is gone. The collector (registered before any route) records every
 * path as routes are added. `methodNotAllowedRoutes` (registered after the last route) asks the
 * router which methods each path serves — HEAD included, which Fastify adds for every GET
 * (`exposeHeadRoutes`), and the `/x/` twins of prefixed routes — and gives every other method Fastify
 * supports a route there that refuses in preParsing: after the rate limit (onRequest), before a
 * body is read, so the answer is the same whatever the body holds.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every routed path, and whether it serves HTML pages (its errors are then pages too). */
    knownPaths: Map<string, { html: boolean }>;
  }
  interface FastifyContextConfig {
    /** One of the routes added here: not a path of its own. */
    methodNotAllowed?: boolean;
  }
}

async function collectPaths(app: FastifyInstance) {
  const known = new Map<string, { html: boolean }>();
  app.decorate('knownPaths', known);
  app.addHook('onRoute', (route) => {
    if (route.config?.methodNotAllowed) return;
    const html = known.get(route.url)?.html === true || route.config?.html === true;
    known.set(route.url, { html });
  });
}

export default fp(collectPaths, { name: 'wxprobe-allowed-methods' });

export async function methodNotAllowedRoutes(app: FastifyInstance) {
  for (const [url, { html }] of app.knownPaths) {
    const served = app.supportedMethods.filter((method) =>
      app.hasRoute({ method: method as HTTPMethods, url }),
    );
    const others = app.supportedMethods.filter((m) => !served.includes(m)) as HTTPMethods[];
    if (others.length === 0) continue;
    const allow = served.sort().join(', ');
    app.route({
      method: others,
      url,
      exposeHeadRoute: false,
      config: { methodNotAllowed: true, html },
      schema: { hide: true },
      preParsing: async (_request, reply) => {
        reply.header('allow', allow);
        throw new ApiError('method-not-allowed', { detail: allow });
      },
      handler: async () => undefined,
    });
  }
}
