import { MigrationInterface, QueryRunner } from 'typeorm';
import { leadsConfig } from '@app/config';

/**
 * The claim queue as one index in claim order. A lead's effective priority is its priority plus
 * the points it earns by waiting (floor(hours × points), capped); the points step up at a
 * different moment for each lead, so no value fixed at opening keeps the order. Each lead stores
 * the points it has (`age_points`) and when they next go up (`rank_due_at`; infinity once
 * capped, -infinity when unknown), kept by the housekeeper and by claims. Over the open leads
 * whose rank is not due, (urgent, priority + age_points, opened_at, id) is the claim order, so a
 * claim reads the head of leads_claim_queue_idx with SKIP LOCKED; the few leads whose rank is
 * due are read through leads_rank_due_idx and ranked by the formula.
 *
 * Existing open leads are ranked here with the ageing settings of the environment the migration
 * runs in (LEAD_AGE_POINTS_PER_HOUR, LEAD_AGE_CAP); the housekeeper's first pass re-ranks any
 * lead whose rank its own settings give otherwise. The per-priority queue index goes: the claim
 * no longer walks priorities.
 */
export class ClaimRank1796000200000 implements MigrationInterface {
  name = 'ClaimRank1796000200000';

  public async up(q: QueryRunner): Promise<void> {
    const age = leadsConfig.load(process.env);
    await q.query(`ALTER TABLE "leads" ADD "age_points" smallint NOT NULL DEFAULT '0'`);
    await q.query(
      `ALTER TABLE "leads" ADD "rank_due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '-infinity'`,
    );
    await q.query(
      `WITH r AS (
         SELECT id, opened_at, LEAST($2::numeric,
           floor(extract(epoch FROM now() - opened_at) / 3600 * $1::numeric))::int AS points
         FROM leads WHERE stage = 'open'
       )
       UPDATE leads l SET age_points = r.points,
         rank_due_at = CASE WHEN r.points >= $2::int OR $1::int = 0 THEN 'infinity'::timestamptz
           ELSE r.opened_at + make_interval(secs => (r.points + 1) * 3600.0 / $1::int)
                - interval '1 millisecond' END
       FROM r WHERE l.id = r.id`,
      [age.agePointsPerHour, age.ageCap],
    );
    await q.query(
      `CREATE INDEX "leads_claim_queue_idx" ON "leads"
         ("urgent" DESC, ("priority" + "age_points") DESC, "opened_at", "id") WHERE stage = 'open'`,
    );
    await q.query(
      `CREATE INDEX "leads_rank_due_idx" ON "leads" ("rank_due_at") WHERE stage = 'open'`,
    );
    await q.query(`DROP INDEX "leads_open_queue_idx"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "leads_open_queue_idx" ON "leads" ("priority", "opened_at", "id") WHERE stage = 'open'`,
    );
    await q.query(`DROP INDEX "leads_rank_due_idx"`);
    await q.query(`DROP INDEX "leads_claim_queue_idx"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "rank_due_at"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "age_points"`);
  }
}
