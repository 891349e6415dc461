import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage recommends, people decide: a tip may wait for a person (stage `needs_review`, with the
 * reason triage gives), a tip naming an immediate threat to life is marked `urgent` (and so is the
 * lead it opens or joins), and the funnel counts the tips waiting for review.
 *
 * Urgent leads are claimed before all others, read through their own small partial index. The
 * funnel's tables are derived: the migration empties them and the projector rebuilds them.
 */
export class PeopleDecide1795890000000 implements MigrationInterface {
  name = 'PeopleDecide1795890000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tips" ADD "urgent" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "tips" ADD "review_reason" text`);
    await q.query(`ALTER TABLE "leads" ADD "urgent" boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX "leads_urgent_queue_idx" ON "leads" ("priority", "opened_at", "id")
       WHERE stage = 'open' AND urgent`,
    );
    await q.query(
      `CREATE INDEX "tips_review_queue_idx" ON "tips" ("received_at", "id") WHERE stage = 'needs_review'`,
    );
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(
      `TRUNCATE "funnel_rollup", "funnel_rollup_month", "funnel_case_keys", "funnel_case_firsts"`,
    );
    await q.query(`ALTER TABLE "funnel_rollup" ADD "needs_review" integer NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE "funnel_rollup_month" ADD "needs_review" integer NOT NULL DEFAULT 0`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "funnel_rollup_month" DROP COLUMN "needs_review"`);
    await q.query(`ALTER TABLE "funnel_rollup" DROP COLUMN "needs_review"`);
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(`DROP INDEX "tips_review_queue_idx"`);
    await q.query(`DROP INDEX "leads_urgent_queue_idx"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "urgent"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "review_reason"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "urgent"`);
  }
}
