import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who works a case: `assignee_id`, the investigator who opened it (by `POST /api/cases` or by
 * linking a lead to a new case) until a supervisor assigns someone else. Cases opened before have
 * their creator's account as assignee where the creator is still a user.
 */
export class CaseAssignee1795891000000 implements MigrationInterface {
  name = 'CaseAssignee1795891000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "assignee_id" uuid`);
    await q.query(
      `UPDATE "cases" c SET "assignee_id" = u."id" FROM "users" u WHERE u."username" = c."created_by"`,
    );
    await q.query(
      `CREATE INDEX "cases_assignee_idx" ON "cases" ("assignee_id") WHERE assignee_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_assignee_idx"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "assignee_id"`);
  }
}
