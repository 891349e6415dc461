import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A funnel range cut mid-day reads the tips of its partial days, and counts each of their cases
 * only if no whole day of the range already did. That was one probe per case; with each case
 * key's next day beside its previous one, a partial day at the start of [d0, d1) asks whether the
 * key's next day is before d1, one at the end whether its previous day is on or after d0, and the
 * keys of a partial day are one range of the primary key (read from the index alone, the two days
 * included in it).
 *
 * The tables are derived: the migration empties them and the projector rebuilds them.
 */
export class FunnelKeyNeighbours1795880000000 implements MigrationInterface {
  name = 'FunnelKeyNeighbours1795880000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(
      `TRUNCATE "funnel_rollup", "funnel_rollup_month", "funnel_case_keys", "funnel_case_firsts"`,
    );
    await q.query(`ALTER TABLE "funnel_case_keys" ADD "next_day" date`);
    await q.query(`ALTER TABLE "funnel_case_keys" DROP CONSTRAINT "PK_funnel_case_keys"`);
    await q.query(
      `ALTER TABLE "funnel_case_keys" ADD CONSTRAINT "PK_funnel_case_keys"
        PRIMARY KEY ("category", "channel", "day", "ward", "case_id") INCLUDE ("prev_day", "next_day")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "funnel_case_keys" DROP CONSTRAINT "PK_funnel_case_keys"`);
    await q.query(
      `ALTER TABLE "funnel_case_keys" ADD CONSTRAINT "PK_funnel_case_keys"
        PRIMARY KEY ("category", "channel", "day", "ward", "case_id")`,
    );
    await q.query(`ALTER TABLE "funnel_case_keys" DROP COLUMN "next_day"`);
  }
}
