import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './roles.decorator';

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  display_name: string | null;
  disabled: boolean;
}

export interface LoginCandidate extends UserRow {
  password_hash: string;
}

export interface NewUserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string | null;
}

/** The `users` table. Usernames match regardless of case (unique index on lower(username)). */
@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  async findById(id: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `SELECT id, username, role, display_name, disabled FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The account `username` may log in to: null when unknown or still locked. */
  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const rows: LoginCandidate[] = await this.ds.query(
      `SELECT id, username, role, display_name, disabled, password_hash FROM users
        WHERE lower(username) = lower($1) AND (locked_until IS NULL OR locked_until <= now())`,
      [username],
    );
    return rows[0] ?? null;
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

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.ds.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** Inserts a user; null when the username is taken (in any case). */
  async insert(u: NewUserRow): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, role, display_name)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING
       RETURNING id, username, role, display_name, disabled`,
      [u.id, u.username, u.passwordHash, u.role, u.displayName],
    );
    return rows[0] ?? null;
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
