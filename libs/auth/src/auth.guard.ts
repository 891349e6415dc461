import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { AuditWriter } from '@app/audit';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens';
import { accessPolicy } from './access-policy';
import { AuthUserCache } from './auth-user.cache';
import { AUDIT_DENIED_KEY, AuditDenied, AuthUser } from './roles.decorator';

const BEARER_RE = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * The global guard: @Public() routes pass; every other route needs a valid bearer token whose
 * user exists and is enabled (401 otherwise), and a role the route's @Roles() allows (403).
 * Role and disabled come from the server's record, never from the token. A route that declares
 * neither is refused (403): the boot check should already have stopped the API.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: AuthUserCache,
    @Optional() private readonly audit?: AuditWriter,
  ) {}

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
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const match = BEARER_RE.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('a bearer token is required');
    const userId = await this.tokens.subject(match[1]);
    if (!userId) throw new UnauthorizedException('the token is invalid or expired');
    const user = await this.users.get(userId);
    if (!user) throw new UnauthorizedException('the token is invalid or expired');
    req.user = user;
    if (!policy.roles.includes(user.role)) {
      await this.recordDenial(ctx, req, user);
      throw new ForbiddenException('your role may not use this route');
    }
    return true;
  }

  private async recordDenial(ctx: ExecutionContext, req: Request, user: AuthUser): Promise<void> {
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
