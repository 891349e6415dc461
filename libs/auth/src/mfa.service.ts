import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { DomainError } from '@app/contracts';
import { AuthUserCache } from './auth-user.cache';
import { MfaSecretCipher } from './mfa-secret.cipher';
import type { AuthUser } from './roles.decorator';
import { base32Of, newTotpSecret, otpauthUri, totpStep } from './totp';
import { UsersRepository } from './users.repository';

export interface MfaEnrolment {
  /** Base32, for typing into an authenticator app; shown once, never returned again. */
  secret: string;
  otpauthUri: string;
}

/**
 * Two-factor login (TOTP): enrolment, its confirmation, the check at login and an admin's reset.
 * A code's time-step is recorded when it is accepted, so no code is taken twice.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly cipher: MfaSecretCipher,
    private readonly audit: AuditWriter,
    private readonly cache: AuthUserCache,
  ) {}

  /** A new secret, pending until confirmed (a second call replaces it); 409 when already on. */
  async begin(me: AuthUser): Promise<MfaEnrolment> {
    const secret = newTotpSecret();
    const sealed = this.cipher.seal(me.id, secret);
    await this.ds.transaction(async (m) => {
      if (!(await this.users.savePendingMfa(m, me.id, sealed.cipher, sealed.keyId))) {
        throw new DomainError('conflict', 'two-factor login is already on');
      }
      await this.audit.append(m, [this.entry(me, 'user.mfa_enrolment_started', me.id)]);
    });
    return { secret: base32Of(secret), otpauthUri: otpauthUri(secret, me.username) };
  }

  /** Turns two-factor login on with a code from the pending secret. */
  async confirm(me: AuthUser, code: string): Promise<void> {
    const row = await this.users.findMfa(me.id);
    if (!row || row.mfa_enabled)
      throw new DomainError('conflict', 'two-factor login is already on');
    if (!row.mfa_secret || !row.mfa_key_id) {
      throw new DomainError('conflict', 'no enrolment is pending: POST /api/users/me/mfa first');
    }
    const secret = this.cipher.open(me.id, { cipher: row.mfa_secret, keyId: row.mfa_key_id });
    const step = totpStep(secret, code);
    const wrong = () =>
      new DomainError(
        'invalid',
        'the code is wrong',
        {
          code: ['code is wrong or expired: enter the code the app shows now'],
        },
        { code: ['wrongCode'] },
      );
    if (step === null) throw wrong();
    await this.ds.transaction(async (m) => {
      if (!(await this.users.useMfaStep(m, me.id, step, true))) throw wrong();
      await this.audit.append(m, [this.entry(me, 'user.mfa_enabled', me.id)]);
    });
    this.cache.forget(me.id);
  }

  /**
   * At login, for an account with two-factor login on: true when `code` is the code of now (or
   * of the step before or after) and that step was not used before; the step is then used.
   */
  async acceptLoginCode(userId: string, code: string): Promise<boolean> {
    const row = await this.users.findMfa(userId);
    if (!row?.mfa_enabled || !row.mfa_secret || !row.mfa_key_id) return false;
    const secret = this.cipher.open(userId, { cipher: row.mfa_secret, keyId: row.mfa_key_id });
    const step = totpStep(secret, code);
    if (step === null) return false;
    return this.users.useMfaStep(this.ds.manager, userId, step, false);
  }

  /** An admin turns a user's two-factor login off (a lost device); the user enrols again. */
  async reset(admin: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (!(await this.users.clearMfa(m, id))) throw new DomainError('not_found', 'user not found');
      await this.audit.append(m, [this.entry(admin, 'user.mfa_reset', id)]);
    });
    this.cache.forget(id);
  }

  private entry(actor: AuthUser, action: string, userId: string) {
    return {
      actor: actor.id,
      role: actor.role,
      action,
      entityType: 'user' as const,
      entityId: userId,
      outcome: 'success' as const,
    };
  }
}
