import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import { tipStageUpdate } from './tip-stages';
import { TipsRepository } from './tips.repository';

export interface TipMessageView {
  id: string;
  direction: 'to_tipster' | 'from_tipster';
  body: string;
  author: string | null;
  createdAt: string;
}

/** Who talks with a tipster through the API. */
export interface ThreadReader {
  id: string;
  role: string;
}

/**
 * Need-to-know on the thread with a tipster: supervisors, the investigator holding the tip's lead
 * (a live lease) and the assignee of the tip's case.
 */
const MAY_TALK = `SELECT t.id,
    (l.claimed_by = $2 AND l.stage = 'claimed' AND l.lease_expires_at > now()) AS holds_lead,
    (c.assignee_id IS NOT NULL AND c.assignee_id::text = $2) AS assigned
  FROM tips t
  LEFT JOIN leads l ON l.id = t.lead_id
  LEFT JOIN cases c ON c.id = t.case_id
  WHERE t.id = $1`;

/** Two-way talk between investigators and the tipster of a tip that reached a lead. */
@Injectable()
export class TipMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** 404 for an unknown tip; 403 when `reader` is an investigator without a need to know. */
  async checkAccess(tipId: string, reader: ThreadReader): Promise<void> {
    const rows: { id: string; holds_lead: boolean | null; assigned: boolean | null }[] =
      await this.dataSource.query(MAY_TALK, [tipId, reader.id]);
    if (!rows[0]) throw new DomainError('not_found', 'tip not found');
    if (reader.role === 'supervisor') return;
    if (!rows[0].holds_lead && !rows[0].assigned) {
      throw new DomainError(
        'forbidden',
        "only the investigator holding the tip's lead, the case's assignee or a supervisor talks with the tipster",
      );
    }
  }

  async send(
    tipId: string,
    body: string,
    author: string,
    reader?: ThreadReader,
  ): Promise<TipMessageView> {
    if (reader) await this.checkAccess(tipId, reader);
    return this.dataSource.transaction(async (m) => {
      const rows: { lead_id: string | null }[] = await m.query(
        `SELECT lead_id FROM tips WHERE id = $1 FOR SHARE`,
        [tipId],
      );
      if (!rows[0]) throw new DomainError('not_found', 'tip not found');
      if (!rows[0].lead_id) {
        throw new DomainError(
          'conflict',
          'the tip has no lead: only tips being worked are messaged',
        );
      }
      const id = randomUUID();
      const saved: { created_at: Date }[] = await m.query(
        `INSERT INTO tip_messages (id, tip_id, direction, body, author)
         VALUES ($1, $2, 'to_tipster', $3, $4) RETURNING created_at`,
        [id, tipId, body, author],
      );
      await this.tips.addEvents(m, [
        {
          tipId,
          type: 'message',
          actor: author,
          detail: { direction: 'to_tipster', messageId: id },
        },
      ]);
      return {
        id,
        direction: 'to_tipster',
        body,
        author,
        createdAt: saved[0].created_at.toISOString(),
      };
    });
  }

  /**
   * A message from the tipster, through the public channel (the code was checked already). With
   * `reviewIfRejected`, a rejected tip goes to `needs_review` in the same transaction (returns
   * true when it moved).
   */
  async fromTipster(
    tipId: string,
    body: string,
    opts: { reviewIfRejected?: boolean } = {},
  ): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const id = randomUUID();
      await m.query(
        `INSERT INTO tip_messages (id, tip_id, direction, body, author)
         VALUES ($1, $2, 'from_tipster', $3, NULL)`,
        [id, tipId, body],
      );
      await this.tips.addEvents(m, [
        {
          tipId,
          type: 'message',
          actor: null,
          detail: { direction: 'from_tipster', messageId: id },
        },
      ]);
      // Whoever works the tip hears of the answer (ids only: never the message).
      await this.outbox.notify(m, { v: 1, type: 'tipster_replied', entityId: tipId, ref: id });
      if (!opts.reviewIfRejected) return false;
      const batch = new SqlBatch();
      const rows = tipStageUpdate(batch, {
        to: 'needs_review',
        set: [`review_reason = 'tipster_replied'`],
        where: `t.id = ${batch.param(tipId)}::uuid AND t.stage = 'rejected'`,
      });
      const moved = await batch.run<{ id: string }>(m, `SELECT id FROM ${rows}`);
      if (moved.length === 0) return false;
      await this.tips.addEvents(m, [
        {
          tipId,
          type: 'sent_to_review',
          actor: null,
          role: 'tipster',
          detail: { reviewReason: 'tipster_replied' },
        },
      ]);
      return true;
    });
  }

  /** The thread; with `reader`, only for those with a need to know (see checkAccess). */
  async thread(tipId: string, reader?: ThreadReader): Promise<TipMessageView[]> {
    if (reader) await this.checkAccess(tipId, reader);
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM tips WHERE id = $1`, [
      tipId,
    ]);
    if (exists.length === 0) throw new DomainError('not_found', 'tip not found');
    const rows: {
      id: string;
      direction: TipMessageView['direction'];
      body: string;
      author: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, direction, body, author, created_at FROM tip_messages WHERE tip_id = $1
         ORDER BY created_at, id`,
      [tipId],
    );
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      body: r.body,
      author: r.author,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
