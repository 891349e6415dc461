import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/contracts';
import { returningRows } from '@app/database';
import { TipsRepository } from './tips.repository';

export interface TipMessageView {
  id: string;
  direction: 'to_tipster' | 'from_tipster';
  body: string;
  author: string | null;
  createdAt: string;
}

/** Two-way talk between investigators and the tipster of a tip that reached a lead. */
@Injectable()
export class TipMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tips: TipsRepository,
  ) {}

  async send(tipId: string, body: string, author: string): Promise<TipMessageView> {
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
      if (!opts.reviewIfRejected) return false;
      const moved = await returningRows<{ id: string }>(
        m,
        `UPDATE tips SET stage = 'needs_review', review_reason = 'tipster_replied',
           stage_changed_at = now()
         WHERE id = $1 AND stage = 'rejected' RETURNING id`,
        [tipId],
      );
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

  async thread(tipId: string): Promise<TipMessageView[]> {
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
