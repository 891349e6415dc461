import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open leads per priority in the order the claim queue walks them: within one priority the
 * effective priority (priority plus capped age points) never rises as opened_at grows, so each
 * priority's open leads, read in (opened_at, id) order, are already in claim order.
 */
export class ClaimQueueIndex1795860000000 implements MigrationInterface {
  name = 'ClaimQueueIndex1795860000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "leads_open_queue_idx" ON "leads" ("priority", "opened_at", "id") WHERE stage = 'open'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "leads_open_queue_idx"`);
  }
}
