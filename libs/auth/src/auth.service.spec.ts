import { UnauthorizedException } from '@nestjs/common';
import type { AccessTokens } from './access-tokens';
import { AuthService, BAD_CREDENTIALS, LOCK_MS, MAX_LOGIN_FAILURES } from './auth.service';
import type { PasswordHasher } from '@app/crypto';
import type { LoginCandidate, UsersRepository } from './users.repository';

const USER: LoginCandidate = {
  id: 'u1',
  username: 'lan',
  role: 'investigator',
  display_name: null,
  disabled: false,
  password_hash: 'hash-of-right',
};

function setup(candidate: LoginCandidate | null) {
  const repo = {
    findLoginCandidate: jest.fn(() => Promise.resolve(candidate)),
    recordFailure: jest.fn(() => Promise.resolve()),
    resetFailures: jest.fn(() => Promise.resolve()),
    updatePasswordHash: jest.fn(() => Promise.resolve()),
  };
  const hasher = {
    verify: jest.fn((hash: string, pw: string) => Promise.resolve(hash === `hash-of-${pw}`)),
    verifyDummy: jest.fn(() => Promise.resolve(false as const)),
    needsRehash: jest.fn(() => false),
    hash: jest.fn(),
  };
  const tokens = { issue: jest.fn(() => Promise.resolve('jwt')) };
  const service = new AuthService(
    repo as unknown as UsersRepository,
    hasher as unknown as PasswordHasher,
    tokens as unknown as AccessTokens,
  );
  return { service, repo, hasher, tokens };
}

describe('AuthService.login', () => {
  it('issues a token and clears the failure count on the right password', async () => {
    const { service, repo } = setup(USER);
    await expect(service.login('lan', 'right')).resolves.toEqual({
      accessToken: 'jwt',
      expiresIn: 900,
      role: 'investigator',
    });
    expect(repo.findLoginCandidate).toHaveBeenCalledWith('lan');
    expect(repo.recordFailure).not.toHaveBeenCalled();
    expect(repo.resetFailures).toHaveBeenCalledWith('u1');
  });

  it('refuses a wrong password without clearing the count', async () => {
    const { service, repo } = setup(USER);
    await expect(service.login('lan', 'wrong')).rejects.toThrow(
      new UnauthorizedException(BAD_CREDENTIALS),
    );
    expect(repo.resetFailures).not.toHaveBeenCalled();
    expect(repo.recordFailure).toHaveBeenCalledWith('u1', MAX_LOGIN_FAILURES, LOCK_MS);
  });

  it('checks a dummy hash for an unknown or locked account, with the same answer', async () => {
    const { service, hasher } = setup(null);
    await expect(service.login('ghost', 'right')).rejects.toThrow(BAD_CREDENTIALS);
    expect(hasher.verifyDummy).toHaveBeenCalledWith('right');
  });

  it('refuses a disabled account even with the right password', async () => {
    const { service, tokens } = setup({ ...USER, disabled: true });
    await expect(service.login('lan', 'right')).rejects.toThrow(BAD_CREDENTIALS);
    expect(tokens.issue).not.toHaveBeenCalled();
  });
});
