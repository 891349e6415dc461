import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from '@app/contracts';
import { pathOf, TOO_LARGE } from './body-guards';

const STATUS: Record<DomainErrorCode, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

// Fastify's refusals of a body, answered as the API's own body rules answer them.
const BODY_ERRORS: Record<string, { status: number; body: object }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, body: TOO_LARGE },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    body: { statusCode: 400, error: 'Bad Request', message: 'request body is not valid JSON' },
  },
};

// PostgreSQL codes meaning "the database is not there right now", not "your input is wrong":
// connection failures, resources, shutdowns, and 25006, a write on a server that is now a standby
// (a pooled connection that reached the old primary after a failover demoted it).
const UNAVAILABLE_PG = /^(08|53|57P|25006$)/;
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
// TypeORM's answer when the connection under a transaction was dropped (database restarted):
// the transaction did not commit, so the client may retry with its Idempotency-Key.
const UNAVAILABLE_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);

export function isUnavailable(err: unknown): boolean {
  const e = err as {
    code?: string;
    name?: string;
    driverError?: { code?: string };
    message?: string;
  } | null;
  if (e?.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  const code = e?.driverError?.code ?? e?.code ?? '';
  if (UNAVAILABLE_PG.test(code) || UNAVAILABLE_NET.has(code)) return true;
  const msg = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|Connection is closed/i.test(
    msg,
  );
}

/**
 * One error shape for every route: `{ statusCode, error, message, errors? }`. Stack traces and
 * driver messages never reach a client; a database or Redis outage is 503, never 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const { status, body } = this.toResponse(exception);
    if (status >= 500) {
      this.logger.error({
        msg: 'request failed',
        path: pathOf(req.url),
        status,
        error: exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown',
      });
    }
    if (reply.sent || reply.raw.headersSent) return;
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): { status: number; body: object } {
    const fastifyCode = (exception as { cause?: { code?: unknown } } | null)?.cause?.code;
    if (exception instanceof HttpException && typeof fastifyCode === 'string') {
      const known = BODY_ERRORS[fastifyCode];
      if (known) return known;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      const body =
        typeof r === 'object'
          ? { statusCode: status, ...r }
          : { statusCode: status, error: HttpStatus[status], message: r };
      return { status, body };
    }
    if (exception instanceof DomainError) {
      const status = STATUS[exception.code];
      return {
        status,
        body: {
          statusCode: status,
          error: HttpStatus[status]
            .toLowerCase()
            .replace(/(^|_)(\w)/g, (_m, s: string, c: string) => (s ? ' ' : '') + c.toUpperCase()),
          message: exception.fields ? Object.values(exception.fields).flat() : exception.message,
          ...(exception.fields ? { errors: exception.fields } : {}),
          ...(exception.fields && exception.codes
            ? {
                codes: Object.fromEntries(
                  Object.entries(exception.codes).map(([f, cs]) => [
                    f,
                    cs.map((code) => ({ code })),
                  ]),
                ),
              }
            : {}),
        },
      };
    }
    if (isUnavailable(exception)) {
      return {
        status: 503,
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'a backing service is unavailable; retry with the same Idempotency-Key',
        },
      };
    }
    return {
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' },
    };
  }
}
