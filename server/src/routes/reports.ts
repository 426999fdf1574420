/**
 * Reports API. `POST /api/v1/reports` is the mini-program's call: probe (unless told not to),
 * diagnose, store, return the report — the report is durable before the answer leaves (a client-only
 * one as the texts just stored, the bytes GET sends; the 201 schema documents it). A client-only
 * upload (`options.probe: false`) is charged as an ordinary API call, a probe against the probe limit.
 * `GET /api/v1/reports/:id` returns it, re-diagnosed when the rules changed since it was stored,
 * built from the stored JSON text (the 200 schema documents it; nothing re-encodes the documents),
 * once per rules version, then served from memory with an ETag (304 to a reader who has it):
 * reports-read-cache.ts.
 * `?present=1` (the mini-program's form) adds `presented`: the report's verdict cards and outside
 * summary rows in every language, made here by shared/present, so a reader that only renders them
 * needs neither the presenters nor the probe's schema (shared/present/presented-report.schema.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Report } from '../../../shared/observations/report';
import { reportSchema } from '../../../shared/observations/report';
import { presentReport } from '../../../shared/present/presented-report';
import { presentedSchema } from '../../../shared/present/presented-report.schema';
import { ApiError, errorResponses } from '../errors';
import { checkedProbeBody, probeOptionsFor } from '../report/probe-request';
import { requestedVantages } from '../report/vantage-report';
import { vantageCatalogue } from './vantages';
import { REPORT_ID_PATTERN } from '../store/report-id';
import { matchesIfNoneMatch } from './reports-read-cache';
import { prefersMinimalReturn } from './prefer';
import { langQuerySchema, probeRouteOptions, type LangQuery, type ProbeRequestBody } from './request-schemas';

export const reportIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: REPORT_ID_PATTERN, description: 'report id (128 random bits)' },
  },
  additionalProperties: false,
} as const;

const presentQuery = {
  present: {
    type: 'string',
    enum: ['0', '1'],
    description:
      '1: add `presented`, the verdict cards and summary rows in zh and en (the mini-program reads these)',
  },
} as const;

const postReportQuerySchema = {
  type: 'object',
  properties: { ...langQuerySchema.properties, ...presentQuery },
  additionalProperties: false,
} as const;

const getReportQuerySchema = {
  type: 'object',
  properties: {
    ...langQuerySchema.properties,
    ...presentQuery,
    download: { type: 'string', enum: ['0', '1'], description: '1: as a file download' },
  },
  additionalProperties: false,
} as const;

type PresentQuery = { present?: '0' | '1' };

/** The report, with `presented` when asked for (a response schema without $id: one $id per document). */
const { $id: _reportId, ...reportProperties } = reportSchema;
const reportReplySchema = {
  ...reportProperties,
  properties: { ...reportSchema.properties, presented: presentedSchema },
} as const;

/**
 * The answer to an upload that sent `Prefer: return=minimal`: where the report is, not the report
 * (documented in the route's description; the 201 schema is the full report's).
 */
export const minimalReportReplySchema = {
  type: 'object',
  required: ['id', 'url', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: REPORT_ID_PATTERN },
    url: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Sends the `return=minimal` answer for a report just created (answerCreated set the 201). */
function sendMinimal(reply: FastifyReply, created: { id: string; url: string; createdAt: number | string }) {
  const { id, url } = created;
  return reply
    .header('preference-applied', 'return=minimal')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ id, url, createdAt: new Date(created.createdAt).toISOString() }));
}

function withPresented<R extends Report>(report: R): R & { presented: ReturnType<typeof presentReport> } {
  return { ...report, presented: presentReport(report) };
}

/** Another entity tag for the presented form of the same stored text: `"x"` → `"x.p"`. */
const presentedEtag = (etag: string) => etag.replace(/"$/, '.p"');

/** 201 and where the new report is read (JSON) and seen (page). */
function answerCreated(reply: FastifyReply, id: string): FastifyReply {
  return reply
    .code(201)
    .header('location', `/api/v1/reports/${id}`)
    .header('link', `</r/${id}>; rel="alternate"; type="text/html"`);
}

export default async function reportRoutes(app: FastifyInstance) {
  const config = app.wxConfig;

  app.post<{ Body: ProbeRequestBody; Querystring: LangQuery & PresentQuery }>(
    '/api/v1/reports',
    probeRouteOptions(app, {
      tags: ['reports'],
      summary: '探测、诊断并保存一份报告 / probe, diagnose and store a report',
      description:
        'Runs the outside probe on `url` (unless `options.probe` is false), diagnoses it together with the ' +
        'optional client observation, stores the report and returns it. 503 + Retry-After when too many probes run. ' +
        `JSON only (415 otherwise), at most ${config.maxJsonDepth} levels deep and ${config.maxJsonNodes} values (400 with the path). ` +
        'A client-only upload (options.probe false) counts as an ordinary API call, a probe against the probe limit. ' +
        'With `Prefer: return=minimal` (RFC 7240) the answer is only `{id, url, createdAt}` plus Location and ' +
        '`Preference-Applied: return=minimal`; a client-only upload is then stored undiagnosed, durable before the ' +
        'answer, and diagnosed at its first read (for bulk uploads that read few of their reports).',
      querystring: postReportQuerySchema,
      response: { 201: reportReplySchema, ...errorResponses(400, 413, 415, 429, 500, 503) },
    }),
    async (request, reply) => {
      const { url, client, options } = checkedProbeBody(request.body);
      const wantProbe = options?.probe !== false;
      if (!wantProbe && client === null) {
        throw new ApiError('nothing-to-diagnose', { path: '/body/options/probe' });
      }
      const vantages = await requestedVantages(request.body.vantages, vantageCatalogue(app));
      const minimal = prefersMinimalReturn(request.headers.prefer);
      if (minimal && !wantProbe) {
        const stored = await app.reports.createUndiagnosed({ url, client, probe: null });
        return sendMinimal(answerCreated(reply, stored.id), stored);
      }
      const created = wantProbe
        ? {
            report: await app.jobs.probeAndStore({
              url,
              client,
              probeOptions: probeOptionsFor(options, config),
              vantages,
            }),
            json: null,
          }
        : await app.reports.createWithJson({ url, client, probe: null });
      const { report } = created;
      const { id } = report;
      // A stored report always has its id (the schema leaves it optional for a CLI report file).
      if (id === undefined) throw new Error('a stored report without an id');
      answerCreated(reply, id);
      if (minimal)
        return sendMinimal(reply, { id, url: report.url, createdAt: report.createdAt ?? Date.now() });
      if (request.query.present === '1') return withPresented(report);
      // A client-only upload is answered with the texts just stored, as GET will answer it.
      if (created.json !== null) return reply.type('application/json; charset=utf-8').send(created.json);
      return report;
    },
  );

  app.get<{ Params: { id: string }; Querystring: LangQuery & PresentQuery & { download?: '0' | '1' } }>(
    '/api/v1/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: '读取报告（规则更新后会重新诊断）/ a stored report, re-diagnosed when the rules changed',
        params: reportIdParamsSchema,
        querystring: getReportQuerySchema,
        response: { 200: reportReplySchema, ...errorResponses(400, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const cached = await app.reportReads.json(id, async () => {
        const json = await app.reports.getJson(id);
        return json && { text: [...json.chunks].join(''), createdAt: json.createdAt };
      });
      if (!cached) throw new ApiError('report-not-found', { path: '/params/id' });
      const presented = request.query.present === '1';
      const etag = presented ? presentedEtag(cached.etag) : cached.etag;
      // Stored by the browser, revalidated on every use (the diagnosis follows the rules).
      reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('etag', etag);
      if (request.query.download === '1') {
        reply.header('content-disposition', `attachment; filename="wxprobe-report-${id}.json"`);
      }
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
      if (!presented) return reply.send(cached.body);
      return reply.send(withPresented(JSON.parse(cached.body.toString('utf8')) as Report));
    },
  );
}
