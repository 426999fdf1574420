/**
 * Request body types: JSON (Fastify's parser), and `application/x-www-form-urlencoded` for the home
 * form without JavaScript, parsed here into a flat object of strings (small enough not to need
 * another dependency; the body limit still applies). Fastify's text/plain parser is removed so a
 * body of another type is a clear 415 rather than a confusing schema error.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function formBody(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
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
