/**
 * `application/x-www-form-urlencoded`, for the home form without JavaScript (`POST /probe`), parsed
 * into a flat object of strings (small enough not to need another dependency; the body limit still
 * applies). Registered by the web routes only, inside their encapsulated context: the JSON API
 * keeps answering every type but JSON with 415.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function formBody(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) fields[key] = value;
      done(null, fields);
    },
  );
}

export default fp(formBody, { name: 'wxprobe-form-body' });
