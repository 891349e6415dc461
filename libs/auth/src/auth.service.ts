import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { AccessTokens, TOKEN_TTL_SECONDS } from './access-tokens';
import { PasswordHasher } from '@app/crypto';
import type { Role } from './roles.decorator';
import { UsersRepository } from './users.repository';

/** Consecutive failures that lock an account, and for how long. */
export const MAX_LOGIN_FAILURES = 5;
export const LOCK_MS = 10 * 60_000;

/** One message for every refusal, so a caller cannot tell unknown, wrong, locked or disabled. */
export const BAD_CREDENTIALS = 'invalid username or password';

export interface LoginResult {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  role: Role;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * Every path costs one database round-trip and one argon2 verification, so timing does not
   * tell a known username from an unknown or locked one.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.users.findLoginCandidate(username);
    if (!user) {
      await this.hasher.verifyDummy(password);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    const ok = await this.hasher.verify(user.password_hash, password);
    if (!ok || user.disabled) {
      if (!ok) await this.users.recordFailure(user.id, MAX_LOGIN_FAILURES, LOCK_MS);
      this.logger.warn({ msg: 'login refused', userId: user.id });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.users.resetFailures(user.id);
    if (this.hasher.needsRehash(user.password_hash)) {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
    }
    return {
      accessToken: await this.tokens.issue(user.id, user.role),
      expiresIn: TOKEN_TTL_SECONDS,
      role: user.role,
    };
  }
}
