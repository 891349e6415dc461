import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate search's window: a ward's triaged tips by time. Under load the ward's window in
 * `tips_ward_received_idx` also holds the tips still waiting for triage and the rejected ones,
 * each read from the heap only to be filtered out; this index holds only the tips the search
 * compares with.
 */
export class DuplicateWindowIndex1795890000000 implements MigrationInterface {
  name = 'DuplicateWindowIndex1795890000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "tips_duplicate_window_idx" ON "tips" ("ward", "received_at")
       WHERE stage NOT IN ('received', 'rejected') AND description_trgm IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tips_duplicate_window_idx"`);
  }
}
