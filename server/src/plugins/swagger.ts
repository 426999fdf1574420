/**
 * OpenAPI document generated from the route schemas (@fastify/swagger) and Swagger UI at /docs,
 * served from the installed package (no CDN; the validator badge, which calls out, is off).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function swaggerPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'wxprobe API',
        description:
          '小程序请求诊断：提交手机视角的观测和/或让服务器从外部探测 URL，得到原因、证据和修复办法。\n\n' +
          'Why does wx.request fail: submit what the phone saw and/or let the server probe the URL from outside; get the cause, the evidence and the fix. ' +
          'Errors are `{ error: { code, message, path? } }` with stable codes.',
        version: '1',
      },
      tags: [
        { name: 'reports', description: '报告 / reports' },
        { name: 'probes', description: '后台探测与进度 / background probes and progress' },
        { name: 'classify', description: '原始错误分类 / raw error classification' },
        { name: 'health', description: '健康检查 / health' },
        { name: 'agents', description: '探测点与探测代理 / vantages and probe agents' },
      ],
      components: {
        securitySchemes: {
          agentToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'an agent token of WXPROBE_AGENT_TOKENS; it decides the vantage',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI's own CSP, made offline-only: no https: wildcard or validator origin, no
    // upgrade-insecure-requests (it breaks the page on a plain-HTTP deployment), and inline styles,
    // which Swagger UI sets from script.
    transformStaticCSP: (header) =>
      header
        .replace(/ https:/g, '')
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', '')
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: false },
  });
}

export default fp(swaggerPlugin, { name: 'wxprobe-swagger' });
