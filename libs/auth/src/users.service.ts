import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditWriter } from '@app/audit';
import { AuthConfig, authConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { PasswordHasher } from '@app/crypto';
import { AuthUserCache } from './auth-user.cache';
import { LOCK_MS, MAX_LOGIN_FAILURES } from './auth.service';
import type { AuthUser, Role } from './roles.decorator';
import { AccountChanges, UserRow, UsersRepository } from './users.repository';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** A user as the API shows it: never the hash, the secret, the lock state or the failure count. */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  displayName: string | null;
  disabled: boolean;
  mfaEnabled: boolean;
}

/** The caller's own account, with what it must do before it may use the rest of the API. */
export interface MeView extends UserView {
  mustChangePassword: boolean;
  mfaEnrolmentRequired: boolean;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    displayName: row.display_name,
    disabled: row.disabled,
    mfaEnabled: row.mfa_enabled,
  };
}

function entry(actor: AuthUser, action: string, userId: string, detail?: object): AuditEntry {
  return {
    actor: actor.id,
    role: actor.role,
    action,
    entityType: 'user',
    entityId: userId,
    outcome: 'success',
    ...(detail ? { detail: { ...detail } } : {}),
  };
}

/** Accounts: creation, the admin's list and changes, passwords. Every change is audited. */
@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly cache: AuthUserCache,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /** 409 when the username is taken, whatever its case. */
  async create(admin: AuthUser, u: NewUser): Promise<UserView> {
    const passwordHash = await this.hasher.hash(u.password);
    return this.ds.transaction(async (m) => {
      const row = await this.users.insert(
        {
          id: randomUUID(),
          username: u.username,
          passwordHash,
          role: u.role,
          displayName: u.displayName ?? null,
        },
        m,
      );
      if (!row) throw new DomainError('conflict', 'username is taken');
      await this.audit.append(m, [entry(admin, 'user.created', row.id, { role: row.role })]);
      return toUserView(row);
    });
  }

  async get(id: string): Promise<UserView> {
    const row = await this.users.findById(id);
    if (!row) throw new DomainError('not_found', 'user not found');
    return toUserView(row);
  }

  async me(id: string): Promise<MeView> {
    const row = await this.users.findById(id);
    if (!row) throw new DomainError('not_found', 'user not found');
    return {
      ...toUserView(row),
      mustChangePassword: row.must_change_password,
      mfaEnrolmentRequired: !row.mfa_enabled && this.auth.mfaRequiredRoles.includes(row.role),
    };
  }

  async list(): Promise<UserView[]> {
    return (await this.users.listAll()).map(toUserView);
  }

  /**
   * An admin's change to role, disabled or display name. Disabling or demoting the last enabled
   * admin is 409: the check and the change run under one lock on the set of admins, so two
   * concurrent changes cannot each remove one of the last two.
   */
  async update(admin: AuthUser, id: string, c: AccountChanges): Promise<UserView> {
    const row = await this.ds.transaction(async (m) => {
      const before = await this.users.lockForAccountChange(m, id);
      if (!before) throw new DomainError('not_found', 'user not found');
      const wasEnabledAdmin = before.role === 'admin' && !before.disabled;
      const staysEnabledAdmin =
        (c.role ?? before.role) === 'admin' && !(c.disabled ?? before.disabled);
      if (wasEnabledAdmin && !staysEnabledAdmin && (await this.users.countEnabledAdmins(m)) <= 1) {
        throw new DomainError('conflict', 'the last enabled admin cannot be disabled or demoted');
      }
      const after = await this.users.applyChanges(m, id, c);
      const changed = (['role', 'disabled', 'displayName'] as const).filter(
        (k) => c[k] !== undefined,
      );
      if (changed.length) {
        await this.audit.append(m, [
          entry(admin, 'user.updated', id, {
            changed,
            ...(c.role !== undefined ? { role: after.role, previousRole: before.role } : {}),
            ...(c.disabled !== undefined ? { disabled: after.disabled } : {}),
          }),
        ]);
      }
      return after;
    });
    this.cache.forget(id);
    return toUserView(row);
  }

  /**
   * The caller's own change: 403 for a wrong current password (counted as a failed login, so it
   * cannot be guessed through here either) or a locked account. Every earlier token of the account,
   * the one used here included, stops working: the client logs in again with the new password.
   */
  async changeOwnPassword(me: AuthUser, current: string, next: string): Promise<void> {
    const hash = await this.users.findPasswordHash(me.id);
    const ok = hash
      ? await this.hasher.verify(hash, current)
      : await this.hasher.verifyDummy(current);
    if (!ok) {
      if (hash) await this.users.recordFailure(me.id, MAX_LOGIN_FAILURES, LOCK_MS);
      await this.audit.record([
        { ...entry(me, 'user.password_change_refused', me.id), outcome: 'denied' },
      ]);
      throw new DomainError('forbidden', 'the current password is wrong');
    }
    if (current === next) {
      throw new DomainError(
        'invalid',
        'the new password is the current one',
        {
          newPassword: ['newPassword must differ from the current password'],
        },
        { newPassword: ['samePassword'] },
      );
    }
    await this.replacePassword(me, me.id, next, false, 'user.password_changed');
  }

  /** An admin sets a new password; the user must change it at its next login. */
  async resetPassword(admin: AuthUser, id: string, next: string): Promise<void> {
    await this.replacePassword(admin, id, next, true, 'user.password_reset');
  }

  private async replacePassword(
    actor: AuthUser,
    id: string,
    password: string,
    mustChange: boolean,
    action: string,
  ): Promise<void> {
    const hash = await this.hasher.hash(password);
    await this.ds.transaction(async (m) => {
      if (!(await this.users.replacePassword(m, id, hash, mustChange))) {
        throw new DomainError('not_found', 'user not found');
      }
      await this.audit.append(m, [entry(actor, action, id)]);
    });
    this.cache.forget(id);
  }
}
