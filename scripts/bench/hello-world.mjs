// The yardstick of the HTTP bench: the smallest Fastify app, no logger, one JSON route (GET /). POST /
// is the floor of the ingestion rows: Fastify's own JSON parser reads the body, a small 201 answers,
// nothing else happens. Prints the same "listening on" line as the wxprobe server so the bench starts
// both the same way.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.post('/', async (request, reply) => reply.code(201).send({ received: typeof request.body }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`hello-world listening on ${address}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
