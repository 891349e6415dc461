import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuditEntry } from '@app/audit';

export const ROLES = ['operator', 'investigator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'tiptrace:roles';
export const PUBLIC_KEY = 'tiptrace:public';

/** The roles allowed on a route. Every route declares its roles or is @Public(). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route open without a token (login, the public tip channel, health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const OPEN_DURING_KEY = 'tiptrace:open-during';

/**
 * What an account must do before it may use the API: change a password an admin reset, or (in
 * production, supervisors and admins) turn on two-factor login.
 */
export type AccountStep = 'password_change' | 'mfa_enrolment';

/** A route that stays open while the caller still has `steps` to do (its own account's routes). */
export const OpenDuring = (...steps: AccountStep[]) => SetMetadata(OPEN_DURING_KEY, steps);

export const AUDIT_DENIED_KEY = 'tiptrace:audit-denied';

/** What the guard writes to the audit log when a caller with the wrong role tries this route. */
export interface AuditDenied {
  action: string;
  entityType: AuditEntry['entityType'];
  /** The route parameter naming the entity, e.g. 'id'. */
  param?: string;
}

/** Records refused attempts (403) on a sensitive route, such as break-glass identity access. */
export const AuditDenials = (denied: AuditDenied) => SetMetadata(AUDIT_DENIED_KEY, denied);

/** The authenticated caller, as read from the server's user record. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
}

/** The caller of an authenticated route (set by the auth guard on `request.user`). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => {
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
    if (!req.user) throw new Error('CurrentUser used on a route without authentication');
    return req.user;
  },
);
