import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate search reads a narrow table of its own.
 *
 * `tip_search` holds one row per tip triage passed (a tip never goes back to `received`,
 * `needs_review` or `rejected` once triaged): its ward, its received time, the trigram hashes of
 * its folded text and the places, people and streets found in it. It is written once, in the
 * statement that records the triage, and only read after. The search scans a ward's window of
 * these rows (about 30 of them to a page, in received order) instead of the wide, updated `tips`
 * rows it visited before, and its text arrays stay inline (`STORAGE MAIN`), not in TOAST.
 *
 * `tips.description_trgm`, a stored generated column, goes: PostgreSQL computed it again on every
 * update of a tip (every stage change) and copied it into every new row version.
 */
export class DuplicateSearchRows1796000500000 implements MigrationInterface {
  name = 'DuplicateSearchRows1796000500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tip_search" ("tip_id" uuid NOT NULL, "ward" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "trgm" int4[] NOT NULL,
        "landmarks" text[] NOT NULL DEFAULT '{}', "people" text[] NOT NULL DEFAULT '{}',
        "streets" text[] NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_tip_search" PRIMARY KEY ("tip_id"))`,
    );
    await q.query(`ALTER TABLE "tip_search" ALTER COLUMN "trgm" SET STORAGE MAIN`);
    await q.query(
      `INSERT INTO tip_search (tip_id, ward, received_at, trgm, landmarks, people, streets)
       SELECT t.id, t.ward, t.received_at, t.description_trgm,
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(t.entities -> 'landmarks', '[]'))),
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(t.entities -> 'people', '[]'))),
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(t.entities -> 'streets', '[]')))
       FROM tips t
       WHERE t.description_trgm IS NOT NULL
         AND t.stage NOT IN ('received', 'rejected', 'needs_review')
       ORDER BY t.received_at`,
    );
    await q.query(
      `CREATE INDEX "tip_search_ward_received_idx" ON "tip_search" ("ward", "received_at")`,
    );
    await q.query(`ALTER TABLE "tips" DROP COLUMN "description_trgm"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "tips" ADD COLUMN "description_trgm" int4[]
         GENERATED ALWAYS AS (tt_trgm("description_norm")) STORED`,
    );
    await q.query(`DROP TABLE "tip_search"`);
  }
}
