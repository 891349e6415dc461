import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of `tips` the funnel projector reads: a change to one of them moves `changed_at`. */
const FUNNEL_COLUMNS = [
  'stage',
  'received_at',
  'created_at',
  'ward',
  'category',
  'channel',
  'triaged_at',
  'claimed_at',
  'lead_open_at',
  'linked_at',
  'dismissed_at',
  'duplicate_of',
  'case_id',
  'case_status',
  'case_resolution',
  'arrests',
];
const changed = (cols: string[]) =>
  `(${cols.map((c) => `OLD."${c}"`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `NEW."${c}"`).join(', ')})`;

/**
 * A `tips` row that costs less to update. A version of a row that cannot be a HOT update is
 * written into every index of the table, so each index a stage update does not need is one entry
 * less per tip and stage:
 *
 * - `changed_at` moves only when a column the funnel reads changes (the trigger's WHEN), not on
 *   every update: an update that touches no indexed column (a tipster's key rotated, an identity
 *   purged) can then be HOT.
 * - The columns empty for most of a tip's life are indexed only where set: `lead_id` (empty
 *   until linkage), `case_id` (until a case), `external_ref` (imported tips only) and
 *   `idempotency_key` (API clients that send one). Every query on them compares with a value,
 *   which implies IS NOT NULL, so the partial indexes serve them all; the upserts name the
 *   predicate (ON CONFLICT ... WHERE ... IS NOT NULL).
 * - The reconciler's index holds the tips waiting in `received` or `triaged` only, not every tip
 *   by stage: a tip leaves it when linkage moves it on.
 * - fillfactor 85 leaves room in each page for the next version of its rows, so that an update
 *   stays on its page (HOT where it can be, and a smaller WAL record either way).
 */
export class LeanTipIndexes1796000000000 implements MigrationInterface {
  name = 'LeanTipIndexes1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tips_touch" ON "tips"`);
    await q.query(
      `CREATE TRIGGER "tips_touch" BEFORE UPDATE ON "tips" FOR EACH ROW
       WHEN (${changed(FUNNEL_COLUMNS)}) EXECUTE FUNCTION tt_tips_touch()`,
    );

    await q.query(`DROP INDEX "tips_lead_idx"`);
    await q.query(`CREATE INDEX "tips_lead_idx" ON "tips" ("lead_id") WHERE lead_id IS NOT NULL`);
    await q.query(`DROP INDEX "tips_case_idx"`);
    await q.query(`CREATE INDEX "tips_case_idx" ON "tips" ("case_id") WHERE case_id IS NOT NULL`);

    await q.query(`ALTER TABLE "tips" DROP CONSTRAINT "UQ_5be0deafb1beffb8fc4a18e0afc"`);
    await q.query(
      `CREATE UNIQUE INDEX "tips_external_ref_uq" ON "tips" ("external_ref")
       WHERE external_ref IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "tips" DROP CONSTRAINT "UQ_32b05b627e1b1203997ba53403a"`);
    await q.query(
      `CREATE UNIQUE INDEX "tips_idempotency_key_uq" ON "tips" ("idempotency_key")
       WHERE idempotency_key IS NOT NULL`,
    );

    await q.query(`DROP INDEX "tips_stage_changed_idx"`);
    await q.query(
      `CREATE INDEX "tips_waiting_idx" ON "tips" ("stage", "stage_changed_at")
       WHERE stage IN ('received', 'triaged')`,
    );

    await q.query(`ALTER TABLE "tips" SET (fillfactor = 85)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tips" RESET (fillfactor)`);
    await q.query(`DROP INDEX "tips_waiting_idx"`);
    await q.query(`CREATE INDEX "tips_stage_changed_idx" ON "tips" ("stage", "stage_changed_at")`);
    await q.query(`DROP INDEX "tips_idempotency_key_uq"`);
    await q.query(
      `ALTER TABLE "tips" ADD CONSTRAINT "UQ_32b05b627e1b1203997ba53403a" UNIQUE ("idempotency_key")`,
    );
    await q.query(`DROP INDEX "tips_external_ref_uq"`);
    await q.query(
      `ALTER TABLE "tips" ADD CONSTRAINT "UQ_5be0deafb1beffb8fc4a18e0afc" UNIQUE ("external_ref")`,
    );
    await q.query(`DROP INDEX "tips_case_idx"`);
    await q.query(`CREATE INDEX "tips_case_idx" ON "tips" ("case_id")`);
    await q.query(`DROP INDEX "tips_lead_idx"`);
    await q.query(`CREATE INDEX "tips_lead_idx" ON "tips" ("lead_id")`);
    await q.query(`DROP TRIGGER "tips_touch" ON "tips"`);
    await q.query(
      `CREATE TRIGGER "tips_touch" BEFORE UPDATE ON "tips" FOR EACH ROW EXECUTE FUNCTION tt_tips_touch()`,
    );
  }
}
