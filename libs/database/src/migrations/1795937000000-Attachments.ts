import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence with a tip: one row per file (its kind, size, SHA-256 of the stored bytes, the key id
 * its chunks are sealed under, who added it) and its bytes in sealed chunks of at most 256 KB.
 * The chunks' key to their attachment is checked at commit, so an upload writes its chunks as
 * they arrive and the attachment's row last, in one transaction.
 */
export class Attachments1795937000000 implements MigrationInterface {
  name = 'Attachments1795937000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL, "tip_id" uuid NOT NULL, "kind" text NOT NULL,
        "mime" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL,
        "chunk_count" integer NOT NULL, "key_id" text NOT NULL, "added_by" text NOT NULL,
        "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_attachments" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_attachments_kind" CHECK ("kind" IN ('image', 'video', 'audio', 'document')),
        CONSTRAINT "FK_attachments_tip" FOREIGN KEY ("tip_id") REFERENCES "tips"("id"))`,
    );
    await q.query(`CREATE INDEX "attachments_tip_idx" ON "attachments" ("tip_id", "added_at")`);
    await q.query(
      `CREATE TABLE "attachment_chunks" ("attachment_id" uuid NOT NULL, "idx" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "PK_attachment_chunks" PRIMARY KEY ("attachment_id", "idx"),
        CONSTRAINT "FK_attachment_chunks_attachment" FOREIGN KEY ("attachment_id")
          REFERENCES "attachments"("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)`,
    );
    // Sealed bytes do not compress: skip the attempt, and keep them out of line.
    await q.query(`ALTER TABLE "attachment_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "attachment_chunks"`);
    await q.query(`DROP TABLE "attachments"`);
  }
}
