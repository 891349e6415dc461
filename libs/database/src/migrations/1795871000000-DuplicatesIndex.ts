import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tip's duplicates by their original: linkage looks up the duplicates waiting for an
 * original's lead on every lead it opens, which otherwise read every triaged tip of the backlog.
 */
export class DuplicatesIndex1795871000000 implements MigrationInterface {
  name = 'DuplicatesIndex1795871000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "tips_duplicate_of_idx" ON "tips" ("duplicate_of") WHERE duplicate_of IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tips_duplicate_of_idx"`);
  }
}
