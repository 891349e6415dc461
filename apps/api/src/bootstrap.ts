import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { HttpConfig, httpConfig } from '@app/config';
import { ApiExceptionFilter } from './common/api-exception.filter';
import {
  BODY_LIMIT_BYTES,
  bodyParserErrors,
  rejectDeepBodies,
  rejectOversizedBodies,
  rejectPrototypeKeys,
  requireJsonBodies,
} from './common/body-guards';
import { apiValidationPipe } from './common/validation';
import { isApiPath } from './console/console-assets';
import { createApiDocument } from './openapi/api-document';

/** Everything about the HTTP surface that main.ts and the e2e tests must share. */
export function configureApi(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  const http = app.get<HttpConfig>(httpConfig.KEY);
  // Behind a load balancer every request comes from the proxy: rate limits would count all
  // clients as one unless the proxy is trusted to name them.
  if (http.trustProxy !== false) app.set('trust proxy', http.trustProxy);
  app.use(securityHeaders());
  // Closed unless CORS_ORIGINS names the browser origins that may call the API.
  app.enableCors({
    origin: http.corsOrigins.length ? http.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Follow-Up-Code'],
    maxAge: 600,
  });
  app.use(rejectOversizedBodies);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use(bodyParserErrors);
  app.use(rejectDeepBodies);
  app.use(rejectPrototypeKeys);
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // Built on the first request to /docs or /docs-json (see docs/openapi.md).
  SwaggerModule.setup('docs', app, () => createApiDocument(app));
}

/**
 * helmet everywhere. The API answers JSON, so its CSP forbids everything; /docs (Swagger UI) gets
 * a page CSP that lets its own scripts, styles and data: images load; the web console (every
 * other path) may load only its own built files and call only this origin: no inline script, no
 * other host.
 */
function securityHeaders() {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const console = helmet({
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
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-')) {
      return docs(req, res, next);
    }
    return isApiPath(req.path) ? api(req, res, next) : console(req, res, next);
  };
}
