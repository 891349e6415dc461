import { UnauthorizedException } from '@nestjs/common';
import type { AccessTokens } from './access-tokens';
import { AuthService, BAD_CREDENTIALS, LOCK_MS, MAX_LOGIN_FAILURES } from './auth.service';
import type { PasswordHasher } from '@app/crypto';
import type { MfaService } from './mfa.service';
import type { LoginCandidate, UsersRepository } from './users.repository';

const USER: LoginCandidate = {
  id: 'u1',
  username: 'lan',
  role: 'investigator',
  display_name: null,
  disabled: false,
  token_version: 4,
  must_change_password: false,
  mfa_enabled: false,
  password_hash: 'hash-of-right',
};

function setup(candidate: LoginCandidate | null, mfaRequiredRoles: string[] = []) {
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
  const mfa = {
    acceptLoginCode: jest.fn((_id: string, code: string) => Promise.resolve(code === '123456')),
  };
  const service = new AuthService(
    repo as unknown as UsersRepository,
    hasher as unknown as PasswordHasher,
    tokens as unknown as AccessTokens,
    mfa as unknown as MfaService,
    { mfaRequiredRoles },
  );
  return { service, repo, hasher, tokens, mfa };
}

describe('AuthService.login', () => {
  it('issues a token and clears the failure count on the right password', async () => {
    const { service, repo, tokens } = setup(USER);
    await expect(service.login('lan', 'right')).resolves.toEqual({
      accessToken: 'jwt',
      expiresIn: 900,
      role: 'investigator',
    });
    expect(repo.findLoginCandidate).toHaveBeenCalledWith('lan');
    expect(repo.recordFailure).not.toHaveBeenCalled();
    expect(repo.resetFailures).toHaveBeenCalledWith('u1');
    expect(tokens.issue).toHaveBeenCalledWith('u1', 'investigator', 4);
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

  it('says when the password must be changed or two-factor login turned on', async () => {
    const reset = setup({ ...USER, must_change_password: true });
    await expect(reset.service.login('lan', 'right')).resolves.toMatchObject({
      mustChangePassword: true,
    });
    const sup = setup({ ...USER, role: 'supervisor' }, ['supervisor']);
    await expect(sup.service.login('lan', 'right')).resolves.toMatchObject({
      mfaEnrolmentRequired: true,
    });
  });

  it('with two-factor login on, needs the code: missing is not a failure, wrong is', async () => {
    const { service, repo, tokens } = setup({ ...USER, mfa_enabled: true });
    await expect(service.login('lan', 'right')).rejects.toMatchObject({
      response: { mfaRequired: true },
    });
    expect(repo.recordFailure).not.toHaveBeenCalled();
    await expect(service.login('lan', 'right', '000000')).rejects.toMatchObject({
      response: { mfaRequired: true },
    });
    expect(repo.recordFailure).toHaveBeenCalledTimes(1);
    await expect(service.login('lan', 'right', '123456')).resolves.toMatchObject({
      accessToken: 'jwt',
    });
    expect(tokens.issue).toHaveBeenCalledTimes(1);
  });
});
