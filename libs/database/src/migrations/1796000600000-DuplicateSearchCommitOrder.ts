import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each `tip_search` row records the transaction that wrote it (`xid`, the 64-bit id as a bigint),
 * so that the duplicate search can be run before triage takes the wards' locks and completed
 * under them with only the rows its first look could not see: those written from that look's
 * snapshot's xmin on (`tip_search_xid_idx`) and not visible in it (`pg_visible_in_snapshot`).
 * The long search then no longer holds a ward's lock, and two batches of triage overlap.
 * Existing rows take this migration's id: every later snapshot sees them.
 */
export class DuplicateSearchCommitOrder1796000600000 implements MigrationInterface {
  name = 'DuplicateSearchCommitOrder1796000600000';

  public async up(q: QueryRunner): Promise<void> {
    // A function of its own, so that the column's default reads the same in the entity.
    await q.query(
      `CREATE FUNCTION tt_xact_id() RETURNS bigint LANGUAGE sql VOLATILE
       AS $$ SELECT pg_current_xact_id()::text::bigint $$`,
    );
    await q.query(`ALTER TABLE "tip_search" ADD COLUMN "xid" bigint NOT NULL DEFAULT tt_xact_id()`);
    // The completion reads the rows of the writers from the early snapshot's xmin on.
    await q.query(`CREATE INDEX "tip_search_xid_idx" ON "tip_search" ("xid")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tip_search_xid_idx"`);
    await q.query(`ALTER TABLE "tip_search" DROP COLUMN "xid"`);
    await q.query(`DROP FUNCTION tt_xact_id()`);
  }
}
