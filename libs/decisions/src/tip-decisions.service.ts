import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, QueueName } from '@app/contracts';
import type { TipStage } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import { LeadView, LeadsRepository, leaseIsLive, WorkLeadService } from '@app/leads';
import { LinkTipService, OriginalNotLinkedYet } from '@app/linkage';
import { TipQueryService, TipsRepository, TipView } from '@app/tips';
import { lockWardForTriage, TriageTipService } from '@app/triage';
import { DecisionsRepository } from './decisions.repository';
import type { HeldTip } from './decisions.repository';
import type { LeadPriorityDto, ReviewTipDto, UndoDto } from './dto/decision.dto';

/** The person deciding, as the API authenticated them. */
export interface DecidingUser {
  id: string;
  username: string;
  role: string;
}

/**
 * Triage recommends, people decide: a person accepts or rejects a tip held for review, restores a
 * rejected tip, splits a wrong duplicate off its lead, or sets a lead's priority. Each decision is
 * one transaction with its trail entry and audit record (actor, role and reason), and a tip that
 * goes on does so at once: it opens a lead or joins one, as if triage had passed it.
 */
@Injectable()
export class TipDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly triage: TriageTipService,
    private readonly linkage: LinkTipService,
    private readonly outbox: OutboxWriter,
    private readonly tips: TipsRepository,
    private readonly query: TipQueryService,
    private readonly leads: LeadsRepository,
    private readonly leadViews: WorkLeadService,
    private readonly decisions: DecisionsRepository,
  ) {}

  async review(tipId: string, dto: ReviewTipDto, user: DecidingUser): Promise<TipView> {
    await this.dataSource.transaction(async (m) => {
      const tip = await this.hold(m, tipId, ['needs_review'], 'only a tip waiting for review');
      const detail = {
        decision: dto.decision,
        reason: dto.reason,
        ...(dto.priority !== undefined ? { priority: dto.priority } : {}),
      };
      if (dto.decision === 'reject') {
        if (dto.priority !== undefined) {
          throw new DomainError('invalid', 'priority goes with accept only', {
            priority: ['priority can only be given when the decision is accept'],
          });
        }
        const batch = new SqlBatch();
        this.decisions.rejectTo(batch, tip.id, dto.reason);
        this.tips.addEventsTo(batch, [
          { tipId: tip.id, type: 'reviewed', actor: user.username, role: user.role, detail },
        ]);
        await batch.run(m);
        return;
      }
      await this.goOn(m, tip, user, { type: 'reviewed', detail }, dto.priority);
    });
    return this.query.get(tipId);
  }

  async restore(tipId: string, dto: UndoDto, user: DecidingUser): Promise<TipView> {
    await this.dataSource.transaction(async (m) => {
      const tip = await this.hold(m, tipId, ['rejected'], 'only a rejected tip');
      await this.goOn(m, tip, user, { type: 'restored', detail: { reason: dto.reason } });
    });
    return this.query.get(tipId);
  }

  /**
   * A duplicate leaves the lead it joined and gets a lead of its own. If that lead was linked, the
   * tip leaves the case too (its outcome is no longer the case's); the trail keeps both steps.
   */
  async unmerge(tipId: string, dto: UndoDto, user: DecidingUser): Promise<TipView> {
    await this.dataSource.transaction(async (m) => {
      const tip = await this.hold(
        m,
        tipId,
        ['duplicate', 'lead_claimed', 'linked', 'dismissed'],
        'only a tip that joined a lead as a duplicate',
      );
      if (!tip.duplicate_of || !tip.lead_id) {
        throw new DomainError('conflict', 'the tip is not a duplicate on another tip’s lead');
      }
      const reasons = (tip.triage_reasons ?? []).filter(
        (r) => typeof r === 'string' || r.code !== 'duplicate_of',
      );
      const batch = new SqlBatch();
      this.decisions.unmergeTo(batch, tip.id, reasons);
      this.tips.addEventsTo(batch, [
        {
          tipId: tip.id,
          type: 'unmerged',
          actor: user.username,
          role: user.role,
          detail: { reason: dto.reason, fromLeadId: tip.lead_id, duplicateOf: tip.duplicate_of },
        },
      ]);
      await batch.run(m);
      // No duplicate_of any more: linkage opens the tip's own lead.
      await this.linkage.linkIn(m, tip.id, { actor: user.username, role: user.role });
    });
    return this.query.get(tipId);
  }

  /**
   * A person sets an open or claimed lead's priority (a supervisor, or the lead's claimer). Set
   * below the urgent floor, the lead is no longer claimed ahead of the others: the person has
   * judged it not urgent (the tips keep triage's finding).
   */
  async setLeadPriority(
    leadId: string,
    dto: LeadPriorityDto,
    user: DecidingUser,
  ): Promise<LeadView> {
    await this.dataSource.transaction(async (m) => {
      const lead = await this.leads.lock(m, leadId);
      if (!lead) throw new DomainError('not_found', 'lead not found');
      const live = leaseIsLive(lead);
      const open = lead.stage === 'open' || (lead.stage === 'claimed' && !live);
      if (!open && !live) {
        throw new DomainError('conflict', `lead is ${lead.stage}: its priority no longer matters`);
      }
      if (user.role !== 'supervisor' && !(live && lead.claimed_by === user.id)) {
        throw new DomainError(
          'forbidden',
          'only a supervisor or the lead’s claimer sets its priority',
        );
      }
      const batch = new SqlBatch();
      const tipsOfLead = this.decisions.setLeadPriorityTo(batch, lead.id, dto.priority);
      this.tips.addEventsForTo(batch, tipsOfLead, {
        type: 'priority_overridden',
        actor: user.username,
        role: user.role,
        detail: { leadId: lead.id, from: lead.priority, to: dto.priority, reason: dto.reason },
      });
      await batch.run(m);
    });
    return this.leadViews.get(leadId);
  }

  /** The tip, locked; 404 when unknown, 409 when it is not in one of `stages`. */
  private async hold(
    m: EntityManager,
    tipId: string,
    stages: TipStage[],
    what: string,
  ): Promise<HeldTip> {
    const tip = await this.decisions.lockTip(m, tipId);
    if (!tip) throw new DomainError('not_found', 'tip not found');
    if (!stages.includes(tip.stage)) {
      throw new DomainError('conflict', `the tip is ${tip.stage}: ${what} can be decided so`);
    }
    return tip;
  }

  /**
   * The tip goes on as if triage had passed it: the duplicate search under the ward's lock, then
   * linkage in the same transaction (a lead of its own, or the lead it joins).
   */
  private async goOn(
    m: EntityManager,
    tip: HeldTip,
    user: DecidingUser,
    event: { type: string; detail: Record<string, unknown> },
    priority?: number,
  ): Promise<void> {
    await lockWardForTriage(m, tip.ward);
    await this.triage.pass(
      m,
      {
        id: tip.id,
        ward: tip.ward,
        category: tip.category,
        received_at: tip.received_at,
        description_norm: tip.description_norm ?? '',
        entities: tip.entities ?? { phones: [], plates: [], addresses: [] },
        priority: priority ?? tip.priority ?? 0,
        urgent: tip.urgent,
        reasons: (tip.triage_reasons ?? []).map((r) =>
          typeof r === 'string' ? { code: 'text', text: r } : r,
        ),
      },
      { handOff: false, event: { ...event, actor: user.username, role: user.role } },
    );
    try {
      await this.linkage.linkIn(m, tip.id, { actor: user.username, role: user.role });
    } catch (e) {
      // The report it repeats is itself still on its way to a lead (a moment's race): linkage
      // takes this tip as soon as it has one, through the queue.
      if (!(e instanceof OriginalNotLinkedYet)) throw e;
      await this.outbox.enqueueStage(m, QueueName.Linkage, [tip.id]);
    }
  }
}
