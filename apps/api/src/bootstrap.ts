import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { HttpConfig, httpConfig } from '@app/config';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { answerClientError, trackResponses } from './common/client-error';
import { BODY_LIMIT_BYTES, pathOf, useBodyGuards } from './common/body-guards';
import { apiValidationPipe } from './common/validation';
import { isApiPath } from './console/console-assets';
import { CONSOLE_DIR } from './console/console.module';
import { createApiDocument } from './openapi/api-document';

/** A whole request, body included, arrives within this (Node's default; Fastify has none). */
export const REQUEST_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * The API's HTTP server: Fastify under Nest. Options that Fastify takes only at construction:
 * the body limit (bodies are read by the parser of configureApi), the request timeout (it bounds
 * an upload, see docs/evidence.md), the proxies trusted to name the client (behind a load
 * balancer rate limits would otherwise count all clients as one), and `/path/` answered as
 * `/path`, as before.
 */
export function createHttpAdapter(http: HttpConfig = httpConfig.load()): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: trustedProxies(http.trustProxy),
    // Uploads stream through busboy in the evidence routes, with their own limits.
    multipart: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Requests refused by Node's parser (431, 400, 408): the API's error shape, an orderly close.
    clientErrorHandler: answerClientError,
  });
}

/** TRUST_PROXY for Fastify: a hop count trusts that many proxies next to the server. */
function trustedProxies(
  trust: HttpConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** Everything about the HTTP surface that main.ts and the e2e tests must share. */
export async function configureApi(app: NestFastifyApplication): Promise<void> {
  const http = app.get<HttpConfig>(httpConfig.KEY);
  const fastify = app.getHttpAdapter().getInstance();
  // For the refused-request handler given to the adapter (createHttpAdapter).
  trackResponses(fastify.server);
  // Set by the auth guard; declared up front so every request has the same shape.
  fastify.decorateRequest('user', null);
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) =>
    headers(pathOf(request.url), request.raw, reply.raw, done),
  );
  // Closed unless CORS_ORIGINS names the browser origins that may call the API.
  app.enableCors({
    origin: http.corsOrigins.length ? http.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Follow-Up-Code'],
    maxAge: 600,
  });
  useBodyGuards(fastify);
  // reply.sendFile for the web console's files; its routes are the console controller's.
  await app.register(fastifyStatic, { root: CONSOLE_DIR, serve: false });
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // Built on the first request to /docs or /docs-json (see docs/openapi.md).
  SwaggerModule.setup('docs', app, () => createApiDocument(app));
}

type HeaderMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * helmet everywhere. The API answers JSON, so its CSP forbids everything; /docs (Swagger UI) gets
 * a page CSP that lets its own scripts, styles and data: images load; the web console (every
 * other path) may load only its own built files and call only this origin: no inline script, no
 * other host. Run on the Node request and response, so every answer carries them, 404s and
 * refusals by the body guards included.
 */
function securityHeaders(): (
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  done: (err?: Error) => void,
) => void {
  const api: HeaderMiddleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docs: HeaderMiddleware = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const console: HeaderMiddleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (path, req, res, done) => {
    const next = (err?: unknown) => done(err as Error | undefined);
    if (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-')) {
      return docs(req, res, next);
    }
    return isApiPath(path) ? api(req, res, next) : console(req, res, next);
  };
}
