import { DynamicModule, Module } from '@nestjs/common';
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
                ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health'),
              },
            },
          }),
        }),
      ],
    };
  }
}
