import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tip's trigram set, kept as a sorted array of trigram hashes beside the folded text, so the
 * duplicate search intersects two stored arrays (intarray) instead of having pg_trgm re-extract
 * the trigrams of both texts for every tip of the ward's window. `tt_trgm` hashes pg_trgm's own
 * trigrams (`show_trgm`), so the similarity computed from the arrays is pg_trgm's `similarity()`:
 * shared ÷ (|a| + |b| − shared), in float4. A generated column: every writer of
 * `description_norm`, and every erasure of it, keeps the trigrams in step.
 */
export class TrigramArrays1795870000000 implements MigrationInterface {
  name = 'TrigramArrays1795870000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS intarray`);
    await q.query(
      `CREATE FUNCTION tt_trgm(t text) RETURNS int4[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
       $$ SELECT COALESCE(uniq(sort(array_agg(hashtext(g)))), '{}') FROM unnest(show_trgm(t)) g $$`,
    );
    await q.query(
      `ALTER TABLE "tips" ADD COLUMN "description_trgm" int4[]
         GENERATED ALWAYS AS (tt_trgm("description_norm")) STORED`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tips" DROP COLUMN "description_trgm"`);
    await q.query(`DROP FUNCTION tt_trgm(text)`);
  }
}
