import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { AuditWriter } from '@app/audit';
import { AuthConfig, authConfig } from '@app/config';
import type { FastifyRequest } from 'fastify';
import { AccessTokens } from './access-tokens';
import { accessPolicy } from './access-policy';
import { AccountStatus, AuthUserCache } from './auth-user.cache';
import {
  AccountStep,
  AUDIT_DENIED_KEY,
  AuditDenied,
  AuthUser,
  OPEN_DURING_KEY,
} from './roles.decorator';

const BEARER_RE = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * The global guard: @Public() routes pass; every other route needs a valid bearer token whose
 * user exists and is enabled and whose token version is current (401 otherwise), and a role the
 * route's @Roles() allows (403). An account that must change its password, or (production) a
 * supervisor or admin without two-factor login, gets 403 on every route not marked
 * @OpenDuring() that step. Role, disabled and the rest come from the server's record, never from
 * the token. A route that declares neither is refused (403): the boot check should already have
 * stopped the API.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  private readonly mfaRequiredRoles: readonly string[];

  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: AuthUserCache,
    @Inject(authConfig.KEY) auth: Pick<AuthConfig, 'mfaRequiredRoles'>,
    @Optional() private readonly audit?: AuditWriter,
  ) {
    this.mfaRequiredRoles = auth.mfaRequiredRoles;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return false;
    const policy = accessPolicy(ctx.getHandler(), ctx.getClass());
    if (policy.kind === 'public') return true;
    if (policy.kind !== 'roles') {
      this.logger.error({
        msg: 'route refused: access not declared',
        route: `${ctx.getClass().name}.${ctx.getHandler().name}`,
      });
      throw new ForbiddenException('access to this route is not declared');
    }
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const match = BEARER_RE.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('a bearer token is required');
    const subject = await this.tokens.subject(match[1]);
    if (!subject) throw new UnauthorizedException('the token is invalid or expired');
    const user = await this.users.get(subject.userId);
    if (!user || user.tokenVersion !== subject.version) {
      throw new UnauthorizedException('the token is invalid or expired');
    }
    req.user = { id: user.id, username: user.username, role: user.role };
    if (!policy.roles.includes(user.role)) {
      await this.recordDenial(ctx, req, req.user);
      throw new ForbiddenException('your role may not use this route');
    }
    this.checkPendingSteps(ctx, user);
    return true;
  }

  private checkPendingSteps(ctx: ExecutionContext, user: AccountStatus): void {
    const open =
      (Reflect.getMetadata(OPEN_DURING_KEY, ctx.getHandler()) as AccountStep[] | undefined) ?? [];
    if (user.mustChangePassword && !open.includes('password_change')) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: 'change your password first (POST /api/users/me/password)',
        mustChangePassword: true,
      });
    }
    if (
      !user.mfaEnabled &&
      this.mfaRequiredRoles.includes(user.role) &&
      !open.includes('mfa_enrolment')
    ) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: 'turn on two-factor login first (POST /api/users/me/mfa)',
        mfaEnrolmentRequired: true,
      });
    }
  }

  private async recordDenial(
    ctx: ExecutionContext,
    req: FastifyRequest,
    user: AuthUser,
  ): Promise<void> {
    const denied = Reflect.getMetadata(AUDIT_DENIED_KEY, ctx.getHandler()) as
      AuditDenied | undefined;
    if (!denied || !this.audit) return;
    const raw: unknown = denied.param
      ? (req.params as Record<string, unknown>)[denied.param]
      : null;
    try {
      await this.audit.record([
        {
          actor: user.id,
          role: user.role,
          action: denied.action,
          entityType: denied.entityType,
          entityId: typeof raw === 'string' ? raw.slice(0, 100) : null,
          outcome: 'denied',
          detail: { username: user.username },
        },
      ]);
    } catch (err) {
      // The refusal stands whether or not it could be written down.
      this.logger.error({ msg: 'could not audit a refused request', error: (err as Error).name });
    }
  }
}
