import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymous follow-up (a non-secret lookup id beside an argon2id hash of the code's secret part),
 * retention (when a tip's identity and messages were purged) and legal holds on cases.
 */
export class TipsterProtection1795850000000 implements MigrationInterface {
  name = 'TipsterProtection1795850000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "tips" ADD "follow_up_lookup" text, ADD "follow_up_hash" text,
        ADD "identity_purged_at" TIMESTAMP WITH TIME ZONE`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "tips_follow_up_lookup_uq" ON "tips" ("follow_up_lookup")
        WHERE "follow_up_lookup" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD "legal_hold" boolean NOT NULL DEFAULT false,
        ADD "legal_hold_at" TIMESTAMP WITH TIME ZONE`,
    );
    await q.query(
      `CREATE INDEX "cases_resolved_at_idx" ON "cases" ("resolved_at") WHERE "status" = 'resolved'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_resolved_at_idx"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "legal_hold_at", DROP COLUMN "legal_hold"`);
    await q.query(`DROP INDEX "tips_follow_up_lookup_uq"`);
    await q.query(
      `ALTER TABLE "tips" DROP COLUMN "identity_purged_at", DROP COLUMN "follow_up_hash",
        DROP COLUMN "follow_up_lookup"`,
    );
  }
}
