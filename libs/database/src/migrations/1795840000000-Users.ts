import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts of the API: argon2id hashes, roles, lockout after repeated failed logins. */
export class Users1795840000000 implements MigrationInterface {
  name = 'Users1795840000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" text NOT NULL, "password_hash" text NOT NULL,
        "role" text NOT NULL, "display_name" text, "disabled" boolean NOT NULL DEFAULT false,
        "failed_logins" integer NOT NULL DEFAULT 0, "locked_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "users_role_check" CHECK ("role" IN ('operator', 'investigator', 'supervisor', 'admin')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "users_username_lower_uq" ON "users" (lower("username"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "users_username_lower_uq"`);
    await q.query(`DROP TABLE "users"`);
  }
}
