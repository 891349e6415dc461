import { createHash } from 'node:crypto';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { AuditEntry, AuditWriter } from '@app/audit';
import { AuditDenials, AuthUser } from '@app/auth';

const AUDIT_READ_KEY = 'tiptrace:audit-read';

export interface AuditedRead {
  /** e.g. 'tip.read'; refused attempts are written under the same action with outcome denied. */
  action: string;
  entityType: AuditEntry['entityType'];
  /** The route parameter naming the entity, e.g. 'id'. */
  param?: string;
  /**
   * A list a page refreshes on a timer: the same person reading the same list with the same
   * answer again within REPEAT_WINDOW_MS is not written again (nothing new was shown); the
   * entry written records the answer's fingerprint.
   */
  skipUnchangedRepeats?: boolean;
}

/** How long an unchanged repeat of a refreshed list is covered by its first entry. */
const REPEAT_WINDOW_MS = 10 * 60_000;
/** Most (person, list) pairs remembered by one API process; the oldest are forgotten. */
const REPEAT_MEMORY = 10_000;

/**
 * A read of sensitive data (tip text, the thread with a tipster): every answer is written to the
 * audit log (who, role, what, which entity, outcome) before it leaves, and a read that cannot be
 * written down is not answered. Callers whose role may not read it are recorded as denied.
 */
export const AuditRead = (read: AuditedRead) =>
  applyDecorators(
    SetMetadata(AUDIT_READ_KEY, read),
    AuditDenials(read),
    UseInterceptors(AuditReadInterceptor),
  );

/** Ids and counts only: never the text that was read. */
function summary(body: unknown): Record<string, unknown> {
  if (Array.isArray(body)) return { count: body.length };
  const items = (body as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) return { count: items.length };
  return {};
}

@Injectable()
export class AuditReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditReadInterceptor.name);
  /** Last audited answer per (person, action, URL): fingerprint and time, oldest first. */
  private readonly lastShown = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditWriter,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const read = this.reflector.get<AuditedRead | undefined>(AUDIT_READ_KEY, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const user = req.user;
    if (!read || !user) return next.handle();
    const raw: unknown = read.param ? (req.params as Record<string, unknown>)[read.param] : null;
    const entry = (outcome: AuditEntry['outcome'], detail: Record<string, unknown>) =>
      auditEntryFor(user, read, typeof raw === 'string' ? raw.slice(0, 100) : null, outcome, {
        ...detail,
        ...readFilter(req),
      });
    const repeatKey = read.skipUnchangedRepeats
      ? `${user.id}|${read.action}|${req.originalUrl}`
      : null;
    return next.handle().pipe(
      concatMap((body: unknown) => {
        if (!repeatKey) {
          return from(
            this.audit.record([entry('success', summary(body))]).then((): unknown => body),
          );
        }
        const fingerprint = createHash('sha256')
          .update(JSON.stringify(body) ?? '')
          .digest('hex')
          .slice(0, 32);
        const last = this.lastShown.get(repeatKey);
        const now = Date.now();
        if (last && last.fingerprint === fingerprint && now - last.at < REPEAT_WINDOW_MS) {
          return from(Promise.resolve(body));
        }
        return from(
          this.audit
            .record([entry('success', { ...summary(body), fingerprint })])
            .then((): unknown => {
              this.remember(repeatKey, fingerprint, now);
              return body;
            }),
        );
      }),
      catchError((err: unknown) => {
        const code = (err as { code?: unknown }).code;
        const problem = typeof code === 'string' ? code : (err as Error)?.name;
        return from(
          this.audit.record([entry('failure', { problem })]).catch((e: unknown) => {
            this.logger.error({ msg: 'could not audit a failed read', error: (e as Error).name });
          }),
        ).pipe(concatMap(() => throwError(() => err)));
      }),
    );
  }

  private remember(key: string, fingerprint: string, at: number): void {
    this.lastShown.delete(key);
    this.lastShown.set(key, { fingerprint, at });
    if (this.lastShown.size > REPEAT_MEMORY) {
      const oldest = this.lastShown.keys().next().value;
      if (oldest !== undefined) this.lastShown.delete(oldest);
    }
  }
}

export function auditEntryFor(
  user: AuthUser,
  read: AuditedRead,
  entityId: string | null,
  outcome: AuditEntry['outcome'],
  detail: Record<string, unknown> = {},
): AuditEntry {
  return {
    actor: user.id,
    role: user.role,
    action: read.action,
    entityType: read.entityType,
    entityId,
    outcome,
    detail: { username: user.username, ...detail },
  };
}

/** The query's filter keys and values (wards, stages, dates: no free text), for list reads. */
function readFilter(req: FastifyRequest): Record<string, unknown> {
  const q = req.query as Record<string, unknown>;
  const keys = Object.keys(q ?? {}).filter((k) =>
    ['ward', 'category', 'channel', 'stage', 'from', 'to', 'limit', 'overdue'].includes(k),
  );
  if (keys.length === 0) return {};
  return { filter: Object.fromEntries(keys.map((k) => [k, String(q[k]).slice(0, 100)])) };
}
