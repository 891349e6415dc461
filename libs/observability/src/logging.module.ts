import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { LoggingConfig, loggingConfig } from '@app/config';

/**
 * Structured JSON logs carrying ids (tipId, jobId, request id). Request logs keep method, path
 * and status only: no bodies, no query strings, no headers, no client address or user agent,
 * since tips and tipsters must never reach a log.
 */
@Module({})
export class LoggingModule {
  static forApp(app: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [loggingConfig.KEY],
          useFactory: (logging: LoggingConfig) => ({
            // Every path. The module's own default (`{/*splat}`) matches no request under Fastify's
            // middleware runner, which left the API without request logs.
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: {
              level: logging.level,
              base: { app },
              serializers: {
                req: (req: IncomingMessage & { id?: unknown }) => ({
                  id: req.id,
                  method: req.method,
                  path: (req.url ?? '').split('?')[0],
                }),
                res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
                err: (err: Error) => ({ type: err.name, message: err.message }),
              },
              autoLogging: {
                // The path as the client sent it: the middleware runner may cut `url` down.
                ignore: (req: IncomingMessage & { originalUrl?: string }) =>
                  (req.originalUrl ?? req.url ?? '').startsWith('/health'),
              },
            },
          }),
        }),
      ],
    };
  }
}
