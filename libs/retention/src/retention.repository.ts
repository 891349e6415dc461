import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface DueTip {
  id: string;
  case_id: string;
  had_identity: boolean;
}

/** The SQL of retention and legal holds. */
@Injectable()
export class RetentionRepository {
  /**
   * Tips whose case resolved more than `days` ago and is not on hold, that still hold an identity,
   * messages or attachments; locked (SKIP LOCKED, so housekeeper replicas share the work), the case row too, so a
   * legal hold set meanwhile waits for this batch or is seen by it.
   */
  async lockDue(m: EntityManager, days: number, limit: number): Promise<DueTip[]> {
    return m.query(
      `SELECT t.id, c.id AS case_id, t.tipster_cipher IS NOT NULL AS had_identity
         FROM tips t JOIN cases c ON c.id = t.case_id
        WHERE c.status = 'resolved' AND NOT c.legal_hold
          AND c.resolved_at < now() - make_interval(days => $1)
          AND (t.tipster_cipher IS NOT NULL
               OR EXISTS (SELECT 1 FROM tip_messages mm WHERE mm.tip_id = t.id)
               OR EXISTS (SELECT 1 FROM attachments a WHERE a.tip_id = t.id))
        ORDER BY t.id LIMIT $2
        FOR UPDATE OF t SKIP LOCKED`,
      [days, limit],
    );
  }

  /** Drops the identity (has_contact stays, for statistics) and deletes the messages. */
  async purge(m: EntityManager, tipIds: string[]): Promise<Map<string, number>> {
    const deleted: { tip_id: string; n: number }[] = await m.query(
      `WITH d AS (DELETE FROM tip_messages WHERE tip_id = ANY($1::uuid[]) RETURNING tip_id)
       SELECT tip_id, count(*)::int AS n FROM d GROUP BY tip_id`,
      [tipIds],
    );
    await m.query(
      `UPDATE tips SET tipster_cipher = NULL, tipster_key_id = NULL,
         identity_purged_at = COALESCE(identity_purged_at, now())
        WHERE id = ANY($1::uuid[])`,
      [tipIds],
    );
    return new Map(deleted.map((d) => [d.tip_id, d.n]));
  }

  /** The attachments of these tips, by tip. */
  async attachmentsOf(m: EntityManager, tipIds: string[]): Promise<Map<string, string[]>> {
    const rows: { id: string; tip_id: string }[] = await m.query(
      `SELECT id, tip_id FROM attachments WHERE tip_id = ANY($1::uuid[])`,
      [tipIds],
    );
    const byTip = new Map<string, string[]>();
    for (const r of rows) byTip.set(r.tip_id, [...(byTip.get(r.tip_id) ?? []), r.id]);
    return byTip;
  }

  /** Deletes the records of these attachments (their bytes are the store's to remove). */
  async deleteAttachments(m: EntityManager, attachmentIds: string[]): Promise<void> {
    if (attachmentIds.length === 0) return;
    await m.query(`DELETE FROM attachments WHERE id = ANY($1::uuid[])`, [attachmentIds]);
  }

  async setLegalHold(
    m: EntityManager,
    caseId: string,
    hold: boolean,
  ): Promise<{ legal_hold: boolean; legal_hold_at: Date | null } | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [{ legal_hold: boolean; legal_hold_at: Date | null }[], number] = await m.query(
      `UPDATE cases SET legal_hold = $2,
          legal_hold_at = CASE WHEN NOT $2 THEN NULL WHEN legal_hold THEN legal_hold_at ELSE now() END
        WHERE id = $1 RETURNING legal_hold, legal_hold_at`,
      [caseId, hold],
    );
    return rows[0] ?? null;
  }
}
