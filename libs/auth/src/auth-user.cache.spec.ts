import type { AuthConfig } from '@app/config';
import { AuthUserCache } from './auth-user.cache';
import type { UserRow, UsersRepository } from './users.repository';

function setup(ttlMs: number, row: UserRow | null) {
  const current = { row };
  const findById = jest.fn((_id: string) => Promise.resolve(current.row));
  const repo = { findById } as unknown as UsersRepository;
  const config = { userCacheMs: ttlMs } as AuthConfig;
  return { cache: new AuthUserCache(repo, config), findById, current };
}

const ROW: UserRow = {
  id: 'u1',
  username: 'lan',
  role: 'operator',
  display_name: null,
  disabled: false,
  token_version: 2,
  must_change_password: false,
  mfa_enabled: true,
};

describe('AuthUserCache', () => {
  it('reuses a record within the TTL and re-reads it after', async () => {
    const { cache, findById, current } = setup(1000, ROW);
    expect(await cache.get('u1', 0)).toEqual({
      id: 'u1',
      username: 'lan',
      role: 'operator',
      tokenVersion: 2,
      mustChangePassword: false,
      mfaEnabled: true,
    });
    current.row = { ...ROW, role: 'supervisor' };
    expect((await cache.get('u1', 999))?.role).toBe('operator');
    expect((await cache.get('u1', 1000))?.role).toBe('supervisor');
    expect(findById).toHaveBeenCalledTimes(2);
  });

  it('gives null for a disabled or missing user', async () => {
    expect(await setup(1000, { ...ROW, disabled: true }).cache.get('u1')).toBeNull();
    expect(await setup(1000, null).cache.get('u1')).toBeNull();
  });

  it('reads a forgotten record afresh', async () => {
    const { cache, findById, current } = setup(1000, ROW);
    await cache.get('u1', 0);
    current.row = { ...ROW, disabled: true };
    cache.forget('u1');
    expect(await cache.get('u1', 1)).toBeNull();
    expect(findById).toHaveBeenCalledTimes(2);
  });

  it('reads every time with a TTL of 0', async () => {
    const { cache, findById } = setup(0, ROW);
    await cache.get('u1', 0);
    await cache.get('u1', 0);
    expect(findById).toHaveBeenCalledTimes(2);
  });
});
