import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttachmentKind } from './attachment-kinds';

export interface AttachmentRow {
  id: string;
  tip_id: string;
  kind: AttachmentKind;
  mime: string;
  size: string;
  sha256: string;
  chunk_count: number;
  key_id: string;
  added_by: string;
  added_at: Date;
}

export interface NewAttachmentRow {
  id: string;
  tipId: string;
  kind: AttachmentKind;
  mime: string;
  size: number;
  sha256: string;
  chunkCount: number;
  keyId: string;
  addedBy: string;
}

/** The tip an attachment belongs to, with what decides who may read it. */
export interface TipAccessRow {
  id: string;
  stage: string;
  submitted_by: string | null;
}

/** The SQL of attachments' records (their bytes are the store's). */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findTip(tipId: string): Promise<TipAccessRow | null> {
    const rows: TipAccessRow[] = await this.dataSource.query(
      `SELECT id, stage, submitted_by FROM tips WHERE id = $1`,
      [tipId],
    );
    return rows[0] ?? null;
  }

  async countForTip(tipId: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM attachments WHERE tip_id = $1`,
      [tipId],
    );
    return rows[0].n;
  }

  /**
   * Locks the tip against other uploads to it until the caller's transaction ends (NO KEY
   * UPDATE: the pipeline's own locks on the tip wait only for this short final step), then
   * counts its attachments, those committed meanwhile included. Null when the tip is gone.
   */
  async lockTipAndCount(m: EntityManager, tipId: string): Promise<number | null> {
    const locked: unknown[] = await m.query(`SELECT id FROM tips WHERE id = $1 FOR NO KEY UPDATE`, [
      tipId,
    ]);
    if (locked.length === 0) return null;
    // A statement of its own: its snapshot is taken after the lock was granted, so it sees the
    // attachments of an upload that held the lock before and committed.
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM attachments WHERE tip_id = $1`,
      [tipId],
    );
    return rows[0].n;
  }

  async insert(m: EntityManager, r: NewAttachmentRow): Promise<Date> {
    const rows: { added_at: Date }[] = await m.query(
      `INSERT INTO attachments (id, tip_id, kind, mime, size, sha256, chunk_count, key_id, added_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING added_at`,
      [r.id, r.tipId, r.kind, r.mime, r.size, r.sha256, r.chunkCount, r.keyId, r.addedBy],
    );
    return rows[0].added_at;
  }

  async listForTip(tipId: string): Promise<AttachmentRow[]> {
    return this.dataSource.query(
      `SELECT id, tip_id, kind, mime, size, sha256, chunk_count, key_id, added_by, added_at
         FROM attachments WHERE tip_id = $1 ORDER BY added_at, id`,
      [tipId],
    );
  }

  /** The attachment and its tip's access fields. */
  async findWithTip(id: string): Promise<(AttachmentRow & { tip: TipAccessRow }) | null> {
    const rows: (AttachmentRow & { tip_stage: string; tip_submitted_by: string | null })[] =
      await this.dataSource.query(
        `SELECT a.id, a.tip_id, a.kind, a.mime, a.size, a.sha256, a.chunk_count, a.key_id,
                a.added_by, a.added_at, t.stage AS tip_stage, t.submitted_by AS tip_submitted_by
           FROM attachments a JOIN tips t ON t.id = a.tip_id WHERE a.id = $1`,
        [id],
      );
    const r = rows[0];
    if (!r) return null;
    return { ...r, tip: { id: r.tip_id, stage: r.tip_stage, submitted_by: r.tip_submitted_by } };
  }

  /** Attachments sealed under another key than `keyId`, locked for re-sealing. */
  async lockSealedNotUnder(
    m: EntityManager,
    keyId: string,
    limit: number,
  ): Promise<AttachmentRow[]> {
    return m.query(
      `SELECT id, tip_id, kind, mime, size, sha256, chunk_count, key_id, added_by, added_at
         FROM attachments WHERE key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [keyId, limit],
    );
  }

  async setKey(m: EntityManager, id: string, keyId: string): Promise<void> {
    await m.query(`UPDATE attachments SET key_id = $2 WHERE id = $1`, [id, keyId]);
  }
}
