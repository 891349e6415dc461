import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlBatch } from '@app/database';
import { tipStageUpdate } from './tip-stages';

/** A stored message of a tip's thread with its tipster. */
export interface TipMessageRow {
  id: string;
  direction: 'to_tipster' | 'from_tipster';
  body: string;
  author: string | null;
  created_at: Date;
}

/** The thread between investigators and a tip's tipster (tip_messages). */
@Injectable()
export class TipMessagesRepository {
  /**
   * Whether `userId` holds the tip's lead (a live lease) and whether they are assigned the tip's
   * case; undefined for an unknown tip.
   */
  async needToKnow(
    m: EntityManager,
    tipId: string,
    userId: string,
  ): Promise<{ holds_lead: boolean | null; assigned: boolean | null } | undefined> {
    const rows: { id: string; holds_lead: boolean | null; assigned: boolean | null }[] =
      await m.query(
        `SELECT t.id,
    (l.claimed_by = $2 AND l.stage = 'claimed' AND l.lease_expires_at > now()) AS holds_lead,
    (c.assignee_id IS NOT NULL AND c.assignee_id::text = $2) AS assigned
  FROM tips t
  LEFT JOIN leads l ON l.id = t.lead_id
  LEFT JOIN cases c ON c.id = t.case_id
  WHERE t.id = $1`,
        [tipId, userId],
      );
    return rows[0];
  }

  /** The tip's lead, the tip locked against a change (FOR SHARE); undefined when unknown. */
  async lockLeadOf(
    m: EntityManager,
    tipId: string,
  ): Promise<{ lead_id: string | null } | undefined> {
    const rows: { lead_id: string | null }[] = await m.query(
      `SELECT lead_id FROM tips WHERE id = $1 FOR SHARE`,
      [tipId],
    );
    return rows[0];
  }

  /** Stores a message to the tipster; answers when it was stored. */
  async addToTipster(
    m: EntityManager,
    msg: { id: string; tipId: string; body: string; author: string },
  ): Promise<Date> {
    const saved: { created_at: Date }[] = await m.query(
      `INSERT INTO tip_messages (id, tip_id, direction, body, author)
         VALUES ($1, $2, 'to_tipster', $3, $4) RETURNING created_at`,
      [msg.id, msg.tipId, msg.body, msg.author],
    );
    return saved[0].created_at;
  }

  /** Stores a message from the tipster. */
  async addFromTipster(
    m: EntityManager,
    msg: { id: string; tipId: string; body: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO tip_messages (id, tip_id, direction, body, author)
         VALUES ($1, $2, 'from_tipster', $3, NULL)`,
      [msg.id, msg.tipId, msg.body],
    );
  }

  /**
   * A rejected tip the tipster answered goes to `needs_review` (reason `tipster_replied`);
   * false when the tip was not rejected.
   */
  async reviewRejected(m: EntityManager, tipId: string): Promise<boolean> {
    const batch = new SqlBatch();
    const rows = tipStageUpdate(batch, {
      to: 'needs_review',
      set: [`review_reason = 'tipster_replied'`],
      where: `t.id = ${batch.param(tipId)}::uuid AND t.stage = 'rejected'`,
    });
    const moved = await batch.run<{ id: string }>(m, `SELECT id FROM ${rows}`);
    return moved.length > 0;
  }

  async tipExists(m: EntityManager, tipId: string): Promise<boolean> {
    const exists: unknown[] = await m.query(`SELECT 1 FROM tips WHERE id = $1`, [tipId]);
    return exists.length > 0;
  }

  /** The tip's thread, oldest first. */
  thread(m: EntityManager, tipId: string): Promise<TipMessageRow[]> {
    return m.query(
      `SELECT id, direction, body, author, created_at FROM tip_messages WHERE tip_id = $1
         ORDER BY created_at, id`,
      [tipId],
    );
  }
}
