import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account management: `token_version` (a password change, reset or disabling raises it, and
 * tokens carrying an older version stop working), `must_change_password` (set by an admin's
 * reset) and two-factor login (`mfa_secret` sealed with AES-256-GCM under `mfa_key_id`,
 * `mfa_enabled` once confirmed, `mfa_last_step` the last TOTP time-step accepted, so a code is
 * never taken twice).
 */
export class AccountControls1795925000000 implements MigrationInterface {
  name = 'AccountControls1795925000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "users"
         ADD "token_version" integer NOT NULL DEFAULT 0,
         ADD "must_change_password" boolean NOT NULL DEFAULT false,
         ADD "mfa_enabled" boolean NOT NULL DEFAULT false,
         ADD "mfa_secret" bytea,
         ADD "mfa_key_id" text,
         ADD "mfa_last_step" bigint`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "users"
         DROP COLUMN "mfa_last_step",
         DROP COLUMN "mfa_key_id",
         DROP COLUMN "mfa_secret",
         DROP COLUMN "mfa_enabled",
         DROP COLUMN "must_change_password",
         DROP COLUMN "token_version"`,
    );
  }
}
