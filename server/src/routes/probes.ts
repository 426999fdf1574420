/**
 * Background probes with live progress, for the web page: `POST /api/v1/probes` answers at once
 * (202) with the id the report will have; `GET /api/v1/reports/:id/events` streams the progress as
 * Server-Sent Events and ends with `done` (the report is stored) or `failed`; `GET /api/v1/probes/:id`
 * gives the same as one JSON snapshot for clients without EventSource (e.g. polling).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { probeProgressSchema } from '../../../shared/observations/progress';
import { ApiError, errorBody, errorResponses } from '../errors';
import { isEndEvent, type JobEvent, type JobView } from '../jobs/probe-jobs';
import { checkedProbeBody, probeOptionsFor } from '../report/probe-request';
import { requestedVantages } from '../report/vantage-report';
import { VANTAGE_ERROR_MAX_CHARS } from '../../../shared/observations/vantages';
import { vantageCatalogue } from './vantages';
import { requestLang } from '../web/request-lang';
import { reportIdParamsSchema } from './reports';
import { langQuerySchema, probeRouteOptions, type LangQuery, type ProbeRequestBody } from './request-schemas';

const HEARTBEAT_MS = 15_000;

const linksSchema = {
  eventsUrl: { type: 'string' },
  reportUrl: { type: 'string' },
  pageUrl: { type: 'string' },
  statusUrl: { type: 'string' },
} as const;

const jobStartedSchema = {
  type: 'object',
  required: ['id', 'status', 'eventsUrl', 'reportUrl', 'pageUrl', 'statusUrl'],
  properties: { id: { type: 'string' }, status: { type: 'string', enum: ['running'] }, ...linksSchema },
  additionalProperties: false,
} as const;

/** A progress event as the probe reports it, with the time since the job started (and whose, of several). */
const progressSchema = {
  ...probeProgressSchema,
  required: [...probeProgressSchema.required, 'elapsedMs'],
  properties: {
    ...probeProgressSchema.properties,
    elapsedMs: { type: 'number' },
    vantage: { type: 'string', description: 'the vantage probing (reports from several vantages only)' },
  },
} as const;

/** A vantage's answer arrived (reports from several vantages). */
const vantageEventSchema = {
  type: 'object',
  required: ['vantage', 'state', 'elapsedMs'],
  properties: {
    vantage: { type: 'string' },
    state: { type: 'string', enum: ['answered', 'failed'] },
    elapsedMs: { type: 'number' },
    error: {
      type: 'string',
      minLength: 1,
      maxLength: VANTAGE_ERROR_MAX_CHARS,
      description: 'why a failed vantage has no probe (as its report keeps it)',
    },
  },
  additionalProperties: false,
} as const;

const jobStatusSchema = {
  type: 'object',
  required: ['id', 'status', 'progress', ...Object.keys(linksSchema)],
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] },
    progress: { type: 'array', items: progressSchema },
    vantages: {
      type: 'array',
      items: vantageEventSchema,
      description: 'vantages that answered so far (reports from several vantages only)',
    },
    ...linksSchema,
  },
  additionalProperties: false,
} as const;

function links(id: string) {
  return {
    eventsUrl: `/api/v1/reports/${id}/events`,
    reportUrl: `/api/v1/reports/${id}`,
    pageUrl: `/r/${id}`,
    statusUrl: `/api/v1/probes/${id}`,
  };
}

function sseFrame(event: JobEvent, request: FastifyRequest): string {
  let data: unknown = event.data;
  if (event.type === 'done') data = { id: event.data.id, ...links(event.data.id) };
  if (event.type === 'failed') {
    const lang = requestLang(request);
    data = errorBody(event.data.code, lang).error;
  }
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export default async function probeRoutes(app: FastifyInstance) {
  const config = app.wxConfig;

  app.post<{ Body: ProbeRequestBody; Querystring: LangQuery }>(
    '/api/v1/probes',
    probeRouteOptions(app, {
      tags: ['probes'],
      summary: '在后台开始探测，立即返回 / start a probe in the background, answer at once',
      description:
        'Same body as POST /api/v1/reports. The report appears under the returned id when the probe ends; ' +
        'follow `eventsUrl` (SSE) or poll `statusUrl`. 503 + Retry-After when too many probes run.',
      querystring: langQuerySchema,
      response: { 202: jobStartedSchema, ...errorResponses(400, 413, 415, 429, 500, 503) },
    }),
    async (request, reply) => {
      const { url, client, options } = checkedProbeBody(request.body);
      if (options?.probe === false)
        throw new ApiError('invalid-request', {
          path: '/body/options/probe',
          detail: 'a probe job always probes; use POST /api/v1/reports',
        });
      const vantages = await requestedVantages(request.body.vantages, vantageCatalogue(app));
      const job = await app.jobs.start({
        url,
        client,
        probeOptions: probeOptionsFor(options, config),
        vantages,
      });
      reply.code(202).header('location', links(job.id).statusUrl);
      return { id: job.id, status: 'running' as const, ...links(job.id) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: LangQuery }>(
    '/api/v1/probes/:id',
    {
      schema: {
        tags: ['probes'],
        summary: '探测任务的状态和进度 / a probe job’s state and progress so far',
        params: reportIdParamsSchema,
        querystring: langQuerySchema,
        response: { 200: jobStatusSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      reply.header('cache-control', 'no-store');
      const job = await app.jobs.get(id);
      if (job) {
        const progress = job.events.flatMap((e) => (e.type === 'progress' ? [e.data] : []));
        const vantages = job.events.flatMap((e) => (e.type === 'vantage' ? [e.data] : []));
        return { id, status: job.state, progress, ...(vantages.length ? { vantages } : {}), ...links(id) };
      }
      if (await app.reports.get(id)) return { id, status: 'done' as const, progress: [], ...links(id) };
      throw new ApiError('probe-not-found', { path: '/params/id' });
    },
  );

  app.get<{ Params: { id: string }; Querystring: LangQuery }>(
    '/api/v1/reports/:id/events',
    {
      schema: {
        tags: ['probes'],
        summary: '探测进度（Server-Sent Events）/ probe progress as Server-Sent Events',
        description:
          'text/event-stream. Events: `progress` {step, status, detail?, note?, elapsedMs, vantage?}; ' +
          '`vantage` {vantage, state, elapsedMs} when one of several vantages answered; `done` {id, reportUrl, pageUrl}; ' +
          '`failed` {code, message}. Each event has an `id`; a reconnect with Last-Event-ID resumes after it. ' +
          'For a report that already exists the stream is one `done` event.',
        params: reportIdParamsSchema,
        querystring: langQuerySchema,
        produces: ['text/event-stream'],
        response: {
          200: { description: 'event stream', type: 'string' },
          ...errorResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const job: JobView | undefined = await app.jobs.get(id);
      if (!job && !(await app.reports.get(id)))
        throw new ApiError('report-not-found', { path: '/params/id' });

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...app.baseSecurityHeaders, // a hijacked reply runs no onSend hook
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no', // let nginx pass events through unbuffered
        connection: 'keep-alive',
      });
      raw.write('retry: 2000\n\n');

      if (!job) {
        raw.end(sseFrame({ seq: 1, type: 'done', data: { id } }, request));
        return;
      }
      let finished = false;
      let unsubscribe: () => void = () => {};
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(heartbeat);
        unsubscribe();
        if (!raw.writableEnded) raw.end();
      };
      raw.on('close', finish);
      const lastSeen = Number(request.headers['last-event-id'] ?? 0);
      unsubscribe = job.subscribe(
        (event) => {
          if (finished) return;
          raw.write(sseFrame(event, request));
          if (isEndEvent(event)) queueMicrotask(finish);
        },
        Number.isInteger(lastSeen) && lastSeen > 0 ? lastSeen : 0,
      );
    },
  );
}
