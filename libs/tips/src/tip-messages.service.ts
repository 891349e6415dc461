import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/contracts';
import { OutboxWriter } from '@app/dispatch';
import { TipMessagesRepository } from './tip-messages.repository';
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

/** Two-way talk between investigators and the tipster of a tip that reached a lead. */
@Injectable()
export class TipMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
    private readonly messages: TipMessagesRepository,
  ) {}

  /**
   * 404 for an unknown tip; 403 when `reader` is an investigator without a need to know:
   * supervisors, the investigator holding the tip's lead (a live lease) and the assignee of the
   * tip's case talk with the tipster.
   */
  async checkAccess(tipId: string, reader: ThreadReader): Promise<void> {
    const access = await this.messages.needToKnow(this.dataSource.manager, tipId, reader.id);
    if (!access) throw new DomainError('not_found', 'tip not found');
    if (reader.role === 'supervisor') return;
    if (!access.holds_lead && !access.assigned) {
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
      const tip = await this.messages.lockLeadOf(m, tipId);
      if (!tip) throw new DomainError('not_found', 'tip not found');
      if (!tip.lead_id) {
        throw new DomainError(
          'conflict',
          'the tip has no lead: only tips being worked are messaged',
        );
      }
      const id = randomUUID();
      const createdAt = await this.messages.addToTipster(m, { id, tipId, body, author });
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
        createdAt: createdAt.toISOString(),
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
      await this.messages.addFromTipster(m, { id, tipId, body });
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
      if (!(await this.messages.reviewRejected(m, tipId))) return false;
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
    const manager = this.dataSource.manager;
    if (!(await this.messages.tipExists(manager, tipId))) {
      throw new DomainError('not_found', 'tip not found');
    }
    const rows = await this.messages.thread(manager, tipId);
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      body: r.body,
      author: r.author,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
