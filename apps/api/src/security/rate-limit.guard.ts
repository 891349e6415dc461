import { createHmac, randomBytes } from 'node:crypto';
import {
  applyDecorators,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../openapi/api-error.schema';

/** The limits of the API, each counted per client per minute (values from RateLimitsConfig). */
export const RATE_LIMITS = ['login', 'public-submit', 'public-read'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

const RATE_LIMIT_KEY = 'tiptrace:rate-limit';

/** Counts calls of this route against one named limit, per client (and documents its 429). */
export const RateLimit = (name: RateLimitName) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, name),
    ApiErrors({ 429: `Too many requests from this client (limit "${name}", per minute)` }),
  );

// Per-process key: counters are keyed by a keyed hash of the client address, so neither Redis nor
// anything else holds addresses. Replicas share counters only if they share the key, hence the
// derivation from the process-independent secret when one is given.
let trackerKey: Buffer = randomBytes(32);
export function setTrackerKey(secret: string): void {
  trackerKey = createHmac('sha256', 'tiptrace-rate-limit').update(secret).digest();
}

/** The client as rate limits see it: an HMAC of its address (IPv6 by /64), never the address. */
export function clientKey(req: Pick<FastifyRequest, 'ip' | 'socket'>): string {
  const ip = req.ip || req.socket.remoteAddress || 'unknown';
  const v6 = ip.includes(':') && !ip.startsWith('::ffff:');
  const net = v6 ? ip.split(':').slice(0, 4).join(':') : ip.replace(/^::ffff:/, '');
  return createHmac('sha256', trackerKey).update(net).digest('base64url').slice(0, 22);
}

export function tooManyRequests(): HttpException {
  return new HttpException(
    {
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: 'Too Many Requests',
      message: 'too many requests from this client; retry later',
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * The throttler applied globally, but each named limit counts only on routes marked
 * @RateLimit(name); other routes pass untouched.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const wanted = this.reflector.get<RateLimitName | undefined>(
      RATE_LIMIT_KEY,
      props.context.getHandler(),
    );
    if (wanted !== props.throttler.name) return true;
    return super.handleRequest(props);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(clientKey(req as unknown as FastifyRequest));
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(): Promise<void> {
    throw tooManyRequests();
  }
}
