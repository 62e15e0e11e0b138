// Builds the HTTP application: platform plugins, the API of every module, the web app.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { checkinRoutes } from './modules/box-office/checkin-routes.ts';
import { startDeliveryWorker } from './modules/box-office/delivery.ts';
import { deliveryRoutes } from './modules/box-office/delivery-routes.ts';
import { exchangeRoutes } from './modules/box-office/exchange-routes.ts';
import { paymentRoutes } from './modules/box-office/payments.ts';
import { reportsRoutes } from './modules/box-office/reports-routes.ts';
import { boxOfficeRoutes } from './modules/box-office/routes.ts';
import { createTicketSigner } from './modules/box-office/ticket-signing.ts';
import { hubRoutes } from './modules/hubs/routes.ts';
import { membershipPurchaseRoutes } from './modules/offers/membership-purchase-routes.ts';
import { membershipRoutes } from './modules/offers/membership-routes.ts';
import { quoteRoutes } from './modules/offers/quote-routes.ts';
import { offerRoutes } from './modules/offers/routes.ts';
import { voucherRoutes } from './modules/offers/voucher-routes.ts';
import { waitlistRoutes } from './modules/offers/waitlist-routes.ts';
import { eventPageHtml, feedsRoutes } from './modules/program/feeds-routes.ts';
import { programRoutes } from './modules/program/routes.ts';
import { staffRoutes } from './modules/staff/routes.ts';
import { installAuth } from './platform/auth.ts';
import type { Api, AppContext } from './platform/context.ts';
import type { Db } from './platform/db/db.ts';
import { frameworkErrors, installProblemHandlers, sendNotFound } from './platform/errors.ts';
import type { Mailer } from './platform/mail.ts';
import { deskProvider, type PaymentProvider } from './platform/payments/provider.ts';
import { createSandboxProvider } from './platform/payments/sandbox.ts';
import { sandboxPageRoutes } from './platform/payments/sandbox-page.ts';
import { installResponseValidation } from './platform/response-validation.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the routes share; start-up hands it to the background jobs. */
    appContext: AppContext;
  }
}

export async function buildApp(base: { db: Db; config: Config; mailer: Mailer }): Promise<FastifyInstance> {
  const { config } = base;
  // The sandbox PSP pays with test cards, so a production server does not offer it.
  const sandbox = config.env === 'production' ? undefined : createSandboxProvider(base);
  const payments = new Map<string, PaymentProvider>([[deskProvider.id, deskProvider]]);
  if (sandbox) payments.set(sandbox.id, sandbox);
  const ctx: AppContext = { ...base, signer: createTicketSigner(config.secret), payments };
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Long opaque tokens in paths are fine; absurd URLs are not.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    // No type coercion: a number where a string belongs is an error, not a guess.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('appContext', ctx);
  installProblemHandlers(app);
  // The API speaks JSON only; anything else is 415, not a string to guess at.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  installAuth(app, ctx.db, config);
  if (config.env !== 'production') installResponseValidation(app);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ÓzgeEpic Hub API',
        version: '1',
        description:
          'REST API of ÓzgeEpic Hub. Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
          'Cookie-authenticated writes need the `x-csrf-token` header from GET /session.',
      },
      servers: [{ url: '/' }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.db.query('select 1 from schema_migrations limit 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        code: 'internal',
        detail: 'The database is not reachable or not migrated.',
      });
    }
  });

  await app.register(
    async (api) => {
      const typed = api as unknown as Api;
      accountRoutes(typed, ctx);
      hubRoutes(typed, ctx);
      staffRoutes(typed, ctx);
      auditRoutes(typed, ctx);
      programRoutes(typed, ctx);
      boxOfficeRoutes(typed, ctx);
      exchangeRoutes(typed, ctx);
      await paymentRoutes(typed, ctx);
      checkinRoutes(typed, ctx);
      offerRoutes(typed, ctx);
      waitlistRoutes(typed, ctx);
      membershipRoutes(typed, ctx);
      membershipPurchaseRoutes(typed, ctx);
      quoteRoutes(typed, ctx);
      voucherRoutes(typed, ctx);
      deliveryRoutes(typed, ctx);
      reportsRoutes(typed, ctx);
      feedsRoutes(typed, ctx);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  if (sandbox) await sandboxPageRoutes(app, sandbox);

  const indexHtml = config.webDir ? path.join(config.webDir, 'index.html') : undefined;
  const hasWeb = indexHtml !== undefined && existsSync(indexHtml);
  if (hasWeb && config.webDir) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false, maxAge: '1h' });
  }
  // Tickets mailed and receipts issued after payment are retried from the outbox until done
  // (API tests run the queue themselves, so no timer fires in the middle of a test).
  if (config.env !== 'test') {
    let worker: { stop(): Promise<void> } | undefined;
    app.addHook('onReady', async () => {
      worker = startDeliveryWorker(ctx, { intervalMs: 5_000, log: app.log });
    });
    app.addHook('onClose', async () => worker?.stop());
  }

  // Unknown API paths are problems; every other GET is a page of the single-page app.
  app.setNotFoundHandler(async (req, reply) => {
    const isApi = req.url.startsWith('/api/');
    if (!isApi && hasWeb && (req.method === 'GET' || req.method === 'HEAD')) {
      // An event page carries its schema.org JSON-LD for crawlers that run no scripts.
      const html = await eventPageHtml(
        ctx,
        readFileSync(indexHtml, 'utf8'),
        req.url,
        req.headers['accept-language'],
      );
      if (html) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).type('application/problem+json').send(sendNotFound(req.url));
  });
  return app;
}
