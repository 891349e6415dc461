import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { AccessTokens } from './access-tokens';
import type { AuthUserCache } from './auth-user.cache';
import { AuthGuard } from './auth.guard';
import { AuthUser, Public, Roles } from './roles.decorator';

class Routes {
  @Public() open(): void {}
  @Roles('admin') adminOnly(): void {}
  undeclared(): void {}
}

const TOKEN = 'aaa.bbb.ccc';
const ADMIN: AuthUser = { id: 'u1', username: 'root1', role: 'admin' };

function context(handler: keyof Routes, authorization?: string) {
  const req: { headers: Record<string, string>; user?: AuthUser } = {
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

function guard(user: AuthUser | null, subject: string | null = 'u1') {
  const tokens = { subject: jest.fn(() => Promise.resolve(subject)) };
  const users = { get: jest.fn(() => Promise.resolve(user)) };
  return new AuthGuard(tokens as unknown as AccessTokens, users as unknown as AuthUserCache);
}

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
    expect(req.user).toEqual(ADMIN);
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
});
