import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An account of the API. Usernames are unique regardless of case: the unique index is on
 * `lower(username)` (an expression index TypeORM cannot describe, hence `synchronize: false`).
 */
@Entity('users')
@Index('users_username_lower_uq', { synchronize: false })
export class UserEntity {
  @PrimaryColumn('uuid')
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

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
