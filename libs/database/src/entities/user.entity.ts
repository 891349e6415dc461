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

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
