import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returningRows } from '@app/database';
import type { Role } from './roles.decorator';

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  display_name: string | null;
  disabled: boolean;
  token_version: number;
  must_change_password: boolean;
  mfa_enabled: boolean;
}

export interface LoginCandidate extends UserRow {
  password_hash: string;
}

/** The sealed TOTP secret of an account (pending until mfa_enabled) and its last used step. */
export interface MfaRow {
  mfa_enabled: boolean;
  mfa_secret: Buffer | null;
  mfa_key_id: string | null;
  /** bigint, as text. */
  mfa_last_step: string | null;
}

export interface NewUserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string | null;
}

export interface AccountChanges {
  role?: Role;
  disabled?: boolean;
  displayName?: string | null;
}

const COLUMNS = `id, username, role, display_name, disabled, token_version, must_change_password,
  mfa_enabled`;

// One lock for every change that may leave the API without an enabled admin.
const ADMIN_SET_LOCK = `SELECT pg_advisory_xact_lock(hashtext('tiptrace.users.admins'))`;

/** The `users` table. Usernames match regardless of case (unique index on lower(username)). */
@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  async findById(id: string, m: EntityManager = this.ds.manager): Promise<UserRow | null> {
    const rows: UserRow[] = await m.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Every account, by username. */
  async listAll(): Promise<UserRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM users ORDER BY lower(username), id`);
  }

  /** The account `username` may log in to: null when unknown or still locked. */
  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const rows: LoginCandidate[] = await this.ds.query(
      `SELECT ${COLUMNS}, password_hash FROM users
        WHERE lower(username) = lower($1) AND (locked_until IS NULL OR locked_until <= now())`,
      [username],
    );
    return rows[0] ?? null;
  }

  /** The hash to check a password change against: null when unknown or locked. */
  async findPasswordHash(id: string): Promise<string | null> {
    const rows: { password_hash: string }[] = await this.ds.query(
      `SELECT password_hash FROM users
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())`,
      [id],
    );
    return rows[0]?.password_hash ?? null;
  }

  /**
   * Counts one failed login, atomically, and locks the account for `lockMs` when it reaches
   * `maxFailures` (a lock that has run out starts the count again). Only failures count, so many
   * people logging in to one account at once never lock it.
   */
  async recordFailure(id: string, maxFailures: number, lockMs: number): Promise<void> {
    await this.ds.query(
      `UPDATE users
          SET failed_logins = (CASE WHEN locked_until IS NULL OR locked_until > now()
                                    THEN failed_logins ELSE 0 END) + 1,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NULL OR locked_until > now()
                           THEN failed_logins ELSE 0 END) + 1 >= $2::int
                THEN GREATEST(COALESCE(locked_until, now()), now() + $3::int * interval '1 millisecond')
                ELSE NULL
              END,
              updated_at = now()
        WHERE id = $1`,
      [id, maxFailures, lockMs],
    );
  }

  /** A successful login: the failure count and any lock it set are cleared. */
  async resetFailures(id: string): Promise<void> {
    await this.ds.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** A stronger hash of the same password (login rehash): tokens stay valid. */
  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.ds.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /**
   * A new password: every earlier token stops working (token_version rises). `mustChange` is an
   * admin's reset, which also lifts a lockout; the user's own change clears it.
   */
  async replacePassword(
    m: EntityManager,
    id: string,
    passwordHash: string,
    mustChange: boolean,
  ): Promise<UserRow | null> {
    const rows = await returningRows<UserRow>(
      m,
      `UPDATE users
          SET password_hash = $2, must_change_password = $3, token_version = token_version + 1,
              failed_logins = CASE WHEN $3 THEN 0 ELSE failed_logins END,
              locked_until = CASE WHEN $3 THEN NULL ELSE locked_until END,
              updated_at = now()
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [id, passwordHash, mustChange],
    );
    return rows[0] ?? null;
  }

  /** Inserts a user; null when the username is taken (in any case). */
  async insert(u: NewUserRow, m: EntityManager = this.ds.manager): Promise<UserRow | null> {
    const rows: UserRow[] = await m.query(
      `INSERT INTO users (id, username, password_hash, role, display_name)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [u.id, u.username, u.passwordHash, u.role, u.displayName],
    );
    return rows[0] ?? null;
  }

  /**
   * Takes the transaction's lock on the set of admins, then the account itself: two changes that
   * could each remove an enabled admin run one after the other, so they cannot both remove one.
   */
  async lockForAccountChange(m: EntityManager, id: string): Promise<UserRow | null> {
    await m.query(ADMIN_SET_LOCK);
    const rows: UserRow[] = await m.query(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Enabled admins; call under lockForAccountChange. */
  async countEnabledAdmins(m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`,
    );
    return rows[0].n;
  }

  /**
   * Applies an admin's changes. Disabling raises token_version, so re-enabling the account later
   * does not bring its old tokens back.
   */
  async applyChanges(m: EntityManager, id: string, c: AccountChanges): Promise<UserRow> {
    const rows = await returningRows<UserRow>(
      m,
      `UPDATE users
          SET role = COALESCE($2, role),
              disabled = COALESCE($3, disabled),
              display_name = CASE WHEN $4 THEN $5 ELSE display_name END,
              token_version = token_version + CASE WHEN $3 AND NOT disabled THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [id, c.role ?? null, c.disabled ?? null, c.displayName !== undefined, c.displayName ?? null],
    );
    return rows[0];
  }

  async findMfa(id: string): Promise<MfaRow | null> {
    const rows: MfaRow[] = await this.ds.query(
      `SELECT mfa_enabled, mfa_secret, mfa_key_id, mfa_last_step FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Stores a new pending secret, replacing any earlier pending one; false when MFA is on. */
  async savePendingMfa(m: EntityManager, id: string, cipher: Buffer, keyId: string) {
    const rows = await returningRows<unknown>(
      m,
      `UPDATE users SET mfa_secret = $2, mfa_key_id = $3, mfa_last_step = NULL, updated_at = now()
        WHERE id = $1 AND NOT mfa_enabled
        RETURNING id`,
      [id, cipher, keyId],
    );
    return rows.length > 0;
  }

  /**
   * Takes TOTP time-step `step` for the account, atomically: false when that step or a later one
   * was already used (a replayed code). `enable` turns two-factor login on with it (enrolment);
   * otherwise it must be on already.
   */
  async useMfaStep(m: EntityManager, id: string, step: number, enable: boolean): Promise<boolean> {
    const rows = await returningRows<unknown>(
      m,
      `UPDATE users SET mfa_last_step = $2, mfa_enabled = true, updated_at = now()
        WHERE id = $1 AND mfa_secret IS NOT NULL AND mfa_enabled = NOT $3
          AND (mfa_last_step IS NULL OR mfa_last_step < $2)
        RETURNING id`,
      [id, step, enable],
    );
    return rows.length > 0;
  }

  /** Two-factor login off and its secret gone (a lost device): the user enrols again. */
  async clearMfa(m: EntityManager, id: string): Promise<UserRow | null> {
    const rows = await returningRows<UserRow>(
      m,
      `UPDATE users
          SET mfa_enabled = false, mfa_secret = NULL, mfa_key_id = NULL, mfa_last_step = NULL,
              updated_at = now()
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A batch of sealed TOTP secrets under a key other than `keyId`, locked for re-sealing. */
  async lockMfaSecretsNotUnder(
    m: EntityManager,
    keyId: string,
    limit: number,
  ): Promise<{ id: string; mfa_secret: Buffer; mfa_key_id: string }[]> {
    return m.query(
      `SELECT id, mfa_secret, mfa_key_id FROM users
        WHERE mfa_secret IS NOT NULL AND mfa_key_id IS DISTINCT FROM $1
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [keyId, limit],
    );
  }

  async replaceMfaSecret(m: EntityManager, id: string, cipher: Buffer, keyId: string) {
    await m.query(`UPDATE users SET mfa_secret = $2, mfa_key_id = $3 WHERE id = $1`, [
      id,
      cipher,
      keyId,
    ]);
  }

  async adminExists(): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Creates the first admin unless an admin exists. Two replicas starting at once cannot both
   * create one: the username's unique index turns the second insert into nothing.
   */
  async insertFirstAdmin(u: NewUserRow): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, role, display_name)
       SELECT $1, $2, $3, 'admin', $4
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [u.id, u.username, u.passwordHash, u.displayName],
    );
    return rows.length > 0;
  }
}
