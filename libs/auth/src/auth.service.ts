import { Inject, Injectable, Logger, Optional, UnauthorizedException } from '@nestjs/common';
import { AuditWriter } from '@app/audit';
import { AuthConfig, authConfig } from '@app/config';
import { AccessTokens, TOKEN_TTL_SECONDS } from './access-tokens';
import { PasswordHasher } from '@app/crypto';
import { MfaService } from './mfa.service';
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
  /** Present (true) when an admin reset the password: change it before anything else. */
  mustChangePassword?: true;
  /** Present (true) when the role must turn on two-factor login before anything else. */
  mfaEnrolmentRequired?: true;
}

/** 401 for right credentials without the one-time code (or with a wrong or used one). */
export function mfaRequired(message: string): UnauthorizedException {
  return new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    message,
    mfaRequired: true,
  });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly mfa: MfaService,
    @Inject(authConfig.KEY) private readonly auth: Pick<AuthConfig, 'mfaRequiredRoles'>,
    @Optional() private readonly audit?: AuditWriter,
  ) {}

  /**
   * Every path costs one database round-trip and one argon2 verification, so timing does not
   * tell a known username from an unknown or locked one. With two-factor login on, the right
   * password without `otp` answers 401 `mfaRequired` (not a failure); a wrong or already used
   * `otp` is a failure like a wrong password.
   */
  async login(username: string, password: string, otp?: string): Promise<LoginResult> {
    const user = await this.users.findLoginCandidate(username);
    if (!user) {
      await this.hasher.verifyDummy(password);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    const ok = await this.hasher.verify(user.password_hash, password);
    if (!ok || user.disabled) {
      if (!ok) await this.users.recordFailure(user.id, MAX_LOGIN_FAILURES, LOCK_MS);
      this.logger.warn({ msg: 'login refused', userId: user.id });
      await this.recordLogin(user.id, user.role, 'auth.login_failed', 'failure', {
        reason: ok ? 'disabled' : 'password',
      });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    if (user.mfa_enabled) {
      if (otp === undefined) throw mfaRequired('enter the code of your authenticator app');
      if (!(await this.mfa.acceptLoginCode(user.id, otp))) {
        await this.users.recordFailure(user.id, MAX_LOGIN_FAILURES, LOCK_MS);
        this.logger.warn({ msg: 'login refused: one-time code', userId: user.id });
        await this.recordLogin(user.id, user.role, 'auth.otp_refused', 'failure');
        throw mfaRequired('the code is wrong or was already used');
      }
    }
    await this.users.resetFailures(user.id);
    if (this.hasher.needsRehash(user.password_hash)) {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
    }
    const mustEnrol = !user.mfa_enabled && this.auth.mfaRequiredRoles.includes(user.role);
    await this.recordLogin(user.id, user.role, 'auth.login', 'success', {
      secondFactor: user.mfa_enabled,
    });
    return {
      accessToken: await this.tokens.issue(user.id, user.role, user.token_version),
      expiresIn: TOKEN_TTL_SECONDS,
      role: user.role,
      ...(user.must_change_password ? { mustChangePassword: true as const } : {}),
      ...(mustEnrol ? { mfaEnrolmentRequired: true as const } : {}),
    };
  }

  /**
   * A login, refused or let in, in the audit log: the account's id, never the name typed, a
   * password or a code. A failure to write it is logged and does not change the answer.
   */
  private async recordLogin(
    userId: string,
    role: Role,
    action: 'auth.login' | 'auth.login_failed' | 'auth.otp_refused',
    outcome: 'success' | 'failure',
    detail?: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.audit?.record([
        { actor: userId, role, action, entityType: 'user', entityId: userId, outcome, detail },
      ]);
    } catch (err) {
      this.logger.error({ msg: 'could not audit a login', action, error: (err as Error).name });
    }
  }
}
