import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An account of the API. Usernames are unique regardless of case: the unique index is on
 * `lower(username)`, an expression, and TypeORM's indices name columns only; `synchronize: false`
 * tells it the index exists and is not its to create, change or drop.
 */
@Entity('users')
@Index('users_username_lower_uq', { synchronize: false })
@Check('users_role_check', `"role" IN ('operator', 'investigator', 'supervisor', 'admin')`)
export class UserEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  @Column('text')
  username: string;

  /** argon2id, PHC string format. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  role: 'operator' | 'investigator' | 'supervisor' | 'admin';

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('boolean', { default: false })
  disabled: boolean;

  /** Consecutive failed logins since the last success or lock. */
  @Column('int', { name: 'failed_logins', default: 0 })
  failedLogins: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  /** Raised by a password change or reset and by disabling: older tokens stop working. */
  @Column('int', { name: 'token_version', default: 0 })
  tokenVersion: number;

  /** Set by an admin's password reset; the user may do nothing else until it changes it. */
  @Column('boolean', { name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @Column('boolean', { name: 'mfa_enabled', default: false })
  mfaEnabled: boolean;

  /** The TOTP secret, AES-256-GCM (12-byte IV | 16-byte tag | ciphertext), pending or enabled. */
  @Column('bytea', { name: 'mfa_secret', nullable: true })
  mfaSecret: Buffer | null;

  @Column('text', { name: 'mfa_key_id', nullable: true })
  mfaKeyId: string | null;

  /** The last TOTP time-step accepted: a code of that step or an earlier one is refused. */
  @Column('bigint', { name: 'mfa_last_step', nullable: true })
  mfaLastStep: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
