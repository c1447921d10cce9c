import { HttpException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { errorCodes, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { createOpenApiDocument } from './app.openapi';
import type { AppConfig } from './common/config/app-config';
import { sendProblem } from './common/errors/problem.filter';
import { admitApiRequests } from './common/http/admission';
import { answerClientError } from './common/http/client-error';
import { answerWrongMethodWith405 } from './common/http/method-not-allowed';
import { requestContext } from './common/http/request-context';
import { newId } from './common/ids';
import { createLogger, NestPinoLogger } from './common/logging/logger';
import { serveWebApp } from './common/http/web-app';
import { HealthService } from './modules/health/services/health.service';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * The routes that take a `text/plain` body, with their own limit: an X12 file as received (an
 * 835 of 1,000 claims is about 250 KiB; a clearinghouse may send far larger).
 */
const TEXT_BODY_ROUTES = new Set([`/${API_PREFIX}/remittances`]);
const TEXT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;
/**
 * Node's parser limits only the request line and headers together (16 KiB, then a 431); a URL gets
 * a lower limit of its own, as proxies and browsers do, so an over-long one is a 414 that names it.
 */
const MAX_URL_LENGTH = 8 * 1024;

export interface AppOptions {
  /** The built web app (`dist/web`) to serve at `/`; none when unset or not built. */
  readonly webRoot?: string;
}

/** Builds the whole service, ready to `listen` (main.ts) or to `inject` requests (tests, bench). */
export async function createApp(
  config: AppConfig,
  logger: Logger = createLogger(config.logLevel),
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    // Errors Fastify raises while routing, before Nest sees the request (a path parameter over
    // maxParamLength, a malformed URL): problem+json like every other 4xx (docs/api.md "Errors"). A URL
    // over the limit is a 414 whatever the router tripped on. The hooks do not run for these
    // requests, hence the x-request-id here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      sendProblem(
        request.url.length > MAX_URL_LENGTH
          ? uriTooLong()
          : new HttpException(
              error.code === 'FST_ERR_MAX_PARAM_LENGTH'
                ? 'A path parameter is too long'
                : 'The URL is not valid',
              error.statusCode ?? 400,
            ),
        request,
        reply,
      );
    },
    // What Node's HTTP parser refuses (a 431, a request that is not HTTP) never reaches routing.
    clientErrorHandler: (error, socket) => answerClientError(logger, error, socket),
    // A client's x-request-id is kept when it is a plain token, so its logs and ours line up.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : newId();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    adapter,
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    if (request.url.length > MAX_URL_LENGTH) {
      sendProblem(uriTooLong(), request, reply);
      return;
    }
    requestContext.run({ requestId: request.id }, done);
  });
  answerWrongMethodWith405(fastify);
  // PGlite has one connection: API requests beyond what it serves wait in a bounded queue, and
  // beyond that are refused with a 503 rather than left to pile up (docs/reliability.md).
  if (config.database.kind === 'pglite') {
    admitApiRequests(fastify, config.admission, `/${API_PREFIX}/`);
  }
  // While draining, a request in flight is answered and its keep-alive connection then closed,
  // so the server can finish closing instead of waiting for clients to hang up.
  const health = app.get(HealthService);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (health.isShuttingDown()) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  // Built on the first request for it, not at start: it takes a noticeable part of a start.
  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
  if (options.webRoot !== undefined) await serveWebApp(fastify, options.webRoot);
  await app.init();
  // The API speaks JSON only: other bodies are 415, not strings for the validator to puzzle over.
  // The one exception is X12 as received (`POST /remittances`), which alone takes text/plain.
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  fastify.addContentTypeParser(
    'text/plain',
    { parseAs: 'string', bodyLimit: TEXT_BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (TEXT_BODY_ROUTES.has(request.routeOptions.url ?? '')) done(null, body);
      else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain'), undefined);
    },
  );
  await fastify.ready();
  return app;
}

function uriTooLong(): HttpException {
  return new HttpException(`The URL is longer than ${MAX_URL_LENGTH} characters`, 414);
}
