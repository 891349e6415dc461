import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline to decide on a tip: `decision_due_at`, set when the tip reaches a lead (its
 * receipt + DECISION_DAYS) and moved later by a supervisor at most twice
 * (`decision_extensions`). Tips already on a lead get the default 20 days. The partial index
 * serves the overdue list and count: tips on a lead not yet linked or dismissed, by deadline.
 */
export class DecisionDeadlines1795940000000 implements MigrationInterface {
  name = 'DecisionDeadlines1795940000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tips" ADD "decision_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "tips" ADD "decision_extensions" integer NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE "tips" SET "decision_due_at" = "received_at" + interval '20 days'
       WHERE "lead_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "tips_decision_due_idx" ON "tips" ("decision_due_at")
       WHERE stage IN ('duplicate', 'lead_open', 'lead_claimed')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tips_decision_due_idx"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "decision_extensions"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "decision_due_at"`);
  }
}
