import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { AccessTokens } from './access-tokens';
import type { AccountStatus, AuthUserCache } from './auth-user.cache';
import { AuthGuard } from './auth.guard';
import { OpenDuring, Public, Roles } from './roles.decorator';

class Routes {
  @Public() open(): void {}
  @Roles('admin') adminOnly(): void {}
  @Roles('admin') @OpenDuring('password_change', 'mfa_enrolment') myAccount(): void {}
  @Roles('admin') @OpenDuring('mfa_enrolment') enrol(): void {}
  undeclared(): void {}
}

const TOKEN = 'aaa.bbb.ccc';
const ADMIN: AccountStatus = {
  id: 'u1',
  username: 'root1',
  role: 'admin',
  tokenVersion: 0,
  mustChangePassword: false,
  mfaEnabled: false,
};

function context(handler: keyof Routes, authorization?: string) {
  const req: { headers: Record<string, string>; user?: unknown } = {
    headers: authorization ? { authorization } : {},
  };
  const ctx = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

function guard(
  user: AccountStatus | null,
  subject: string | null = 'u1',
  { version = 0, mfaRequiredRoles = [] as string[] } = {},
) {
  const tokens = {
    subject: jest.fn(() => Promise.resolve(subject ? { userId: subject, version } : null)),
  };
  const users = { get: jest.fn(() => Promise.resolve(user)) };
  return new AuthGuard(tokens as unknown as AccessTokens, users as unknown as AuthUserCache, {
    mfaRequiredRoles,
  });
}

const bearer = (handler: keyof Routes) => context(handler, `Bearer ${TOKEN}`).ctx;

describe('AuthGuard', () => {
  it('lets @Public() routes through without a token', async () => {
    await expect(guard(null).canActivate(context('open').ctx)).resolves.toBe(true);
  });

  it('401 without a bearer token, with a bad token, or for a gone/disabled user', async () => {
    await expect(guard(ADMIN).canActivate(context('adminOnly').ctx)).rejects.toThrow(
      UnauthorizedException,
    );
    await expect(
      guard(ADMIN).canActivate(context('adminOnly', `Basic ${TOKEN}`).ctx),
    ).rejects.toThrow(UnauthorizedException);
    await expect(
      guard(ADMIN, null).canActivate(context('adminOnly', `Bearer ${TOKEN}`).ctx),
    ).rejects.toThrow(UnauthorizedException);
    await expect(
      guard(null).canActivate(context('adminOnly', `Bearer ${TOKEN}`).ctx),
    ).rejects.toThrow(UnauthorizedException);
  });

  it('sets request.user from the server record and checks its role', async () => {
    const { ctx, req } = context('adminOnly', `Bearer ${TOKEN}`);
    await expect(guard(ADMIN).canActivate(ctx)).resolves.toBe(true);
    expect(req.user).toEqual({ id: 'u1', username: 'root1', role: 'admin' });
    await expect(
      guard({ ...ADMIN, role: 'operator' }).canActivate(
        context('adminOnly', `Bearer ${TOKEN}`).ctx,
      ),
    ).rejects.toThrow(ForbiddenException);
  });

  it('refuses an undeclared route with 403, token or not', async () => {
    await expect(
      guard(ADMIN).canActivate(context('undeclared', `Bearer ${TOKEN}`).ctx),
    ).rejects.toThrow(ForbiddenException);
    await expect(guard(ADMIN).canActivate(context('undeclared').ctx)).rejects.toThrow(
      ForbiddenException,
    );
  });

  it('401 for a token of an older version (password changed, account disabled)', async () => {
    await expect(
      guard({ ...ADMIN, tokenVersion: 3 }, 'u1', { version: 2 }).canActivate(bearer('adminOnly')),
    ).rejects.toThrow(UnauthorizedException);
    await expect(
      guard({ ...ADMIN, tokenVersion: 3 }, 'u1', { version: 3 }).canActivate(bearer('adminOnly')),
    ).resolves.toBe(true);
  });

  it('while a password must be changed, opens only the routes marked for it', async () => {
    const g = guard({ ...ADMIN, mustChangePassword: true });
    await expect(g.canActivate(bearer('adminOnly'))).rejects.toThrow(ForbiddenException);
    await expect(g.canActivate(bearer('enrol'))).rejects.toThrow(ForbiddenException);
    await expect(g.canActivate(bearer('myAccount'))).resolves.toBe(true);
  });

  it('holds a role that must enrol in two-factor login to its account routes', async () => {
    const g = guard(ADMIN, 'u1', { mfaRequiredRoles: ['admin'] });
    await expect(g.canActivate(bearer('adminOnly'))).rejects.toThrow(ForbiddenException);
    await expect(g.canActivate(bearer('enrol'))).resolves.toBe(true);
    await expect(g.canActivate(bearer('myAccount'))).resolves.toBe(true);
    const enrolled = guard({ ...ADMIN, mfaEnabled: true }, 'u1', { mfaRequiredRoles: ['admin'] });
    await expect(enrolled.canActivate(bearer('adminOnly'))).resolves.toBe(true);
    await expect(guard(ADMIN).canActivate(bearer('adminOnly'))).resolves.toBe(true);
  });
});
