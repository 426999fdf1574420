/**
 * The app's request body types: JSON only. Fastify's own JSON parser (with its prototype-poisoning
 * checks) parses; then, before any schema, handler or store sees the document, its nesting depth and
 * value count are checked against the configured limits (`json-too-deep` / `json-too-many-values`,
 * 400 with the path). A document past them would otherwise overflow the stack of the first
 * JSON.stringify that meets it, or make every later read of the report expensive.
 *
 * Fastify's text/plain parser is removed so a body of another type is a clear 415 rather than a
 * confusing schema error. The no-script home form's urlencoded parser is registered by the web
 * routes alone (`form-body.ts`): the JSON API answers other types with 415.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { checkDocumentShape, type ShapeLimits } from '../document-shape';

async function jsonBody(app: FastifyInstance, options: { limits: ShapeLimits }) {
  const { limits } = options;
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Fastify's parser answers synchronously; take its result out so our check runs outside its try.
    let parsed: { error: Error | null; value?: unknown } = { error: null };
    parseJson(request, body as string, (error, value) => (parsed = { error, value }));
    if (parsed.error) return done(parsed.error, undefined);
    const violation = checkDocumentShape(parsed.value, limits, '/body');
    if (violation?.limit === 'depth') {
      return done(
        new ApiError('json-too-deep', {
          path: violation.path,
          detail: { zh: `最多 ${limits.maxDepth} 层`, en: `at most ${limits.maxDepth} levels` },
        }),
        undefined,
      );
    }
    if (violation?.limit === 'nodes') {
      return done(
        new ApiError('json-too-many-values', {
          path: violation.path,
          detail: { zh: `最多 ${limits.maxNodes} 个值`, en: `at most ${limits.maxNodes} values` },
        }),
        undefined,
      );
    }
    return done(null, parsed.value);
  });
}

export default fp(jsonBody, { name: 'wxprobe-json-body' });
