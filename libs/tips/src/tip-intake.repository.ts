import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jobIdSql, QueueName } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import { NewTipRow, TipsRepository } from './tips.repository';

/** A tip to take in, with who submitted it, through which channel, and any follow-up code. */
export interface IncomingTip {
  row: NewTipRow;
  followUp?: { lookup: string; hash: string };
  channel: string;
  actor: string | null;
}

/** Intake's one statement: new tips with their events, audit entries and triage jobs. */
@Injectable()
export class TipIntakeRepository {
  constructor(
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Inserts the tips not already taken in (a repeated idempotency key inserts nothing for its
   * tip), each with its `received` event and audit entry (one insert per submitter and channel)
   * and the outbox row that asks for its triage, in one statement. Answers the ids created; the
   * caller wakes the relay once they are committed. A tip whose reference was taken (a random
   * draw that another tip of its year holds) is inserted again with a new one, which its row then
   * carries. A tip whose follow-up code's lookup another tip holds (40 random bits over all
   * years) is not inserted and answered in `lookupTaken`: its code is the caller's to draw again.
   * `manager` must not be in a transaction: each statement commits on its own.
   */
  async receive(
    manager: EntityManager,
    tips: IncomingTip[],
  ): Promise<{ created: string[]; lookupTaken: string[] }> {
    const byRow = new Map(tips.map((t) => [t.row, t]));
    const created: string[] = [];
    const { unplaced, existing } = await this.tips.insertDrawingAgain(
      manager,
      tips.map((t) => t.row),
      'idempotency_key',
      async (rows) => {
        const made = new Set(
          await this.receiveOnce(
            manager,
            rows.map((r) => byRow.get(r)!),
          ),
        );
        created.push(...made);
        return rows.filter((r) => !made.has(r.id));
      },
      // A tip with a follow-up code may find its lookup held: its caller draws a new code.
      (r) => Boolean(byRow.get(r)!.followUp),
    );
    // In already, by an earlier run of this group that committed part-way: created all the same.
    created.push(...existing.map((r) => r.id));
    return { created, lookupTaken: unplaced.map((r) => r.id) };
  }

  private async receiveOnce(manager: EntityManager, tips: IncomingTip[]): Promise<string[]> {
    const batch = new SqlBatch();
    const created = this.tips.insertOnceTo(batch, tips);
    const groups = new Map<string, IncomingTip[]>();
    for (const t of tips) {
      const k = JSON.stringify([t.actor, t.channel]);
      groups.set(k, [...(groups.get(k) ?? []), t]);
    }
    for (const g of groups.values()) {
      this.tips.addEventsForTo(
        batch,
        `SELECT id FROM ${created} WHERE id = ANY(${batch.param(g.map((t) => t.row.id))}::uuid[])`,
        { type: 'received', actor: g[0].actor, detail: { channel: g[0].channel } },
      );
    }
    this.outbox.enqueueStageTo(
      batch,
      QueueName.Triage,
      tips.map((t) => t.row.id),
      `t.j IN (SELECT ${jobIdSql(QueueName.Triage, 'id')} FROM ${created})`,
    );
    const rows = await batch.run<{ id: string }>(manager, `SELECT id FROM ${created}`);
    return rows.map((r) => r.id);
  }
}
