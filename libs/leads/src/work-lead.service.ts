import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeadsConfig, leadsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { CaseEventsWriter, CaseService, CaseView } from '@app/cases';
import { TipsRepository } from '@app/tips';
import { ClaimLeadService, Claimer } from './claim-lead.service';
import type { DismissLeadDto, LeadView, LinkLeadDto } from './dto/lead.dto';
import { moveLeadTips } from './lead-tips';
import { LeadRow, LeadsRepository } from './leads.repository';

/** Working a claimed lead: link it to a case (existing or new) or dismiss it with a reason. */
@Injectable()
export class WorkLeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimLeadService,
    private readonly leads: LeadsRepository,
    private readonly tips: TipsRepository,
    private readonly cases: CaseService,
    private readonly caseEvents: CaseEventsWriter,
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {}

  async link(
    leadId: string,
    dto: LinkLeadDto,
    user: Claimer,
  ): Promise<{ lead: LeadView; case: CaseView }> {
    if (!!dto.caseId === !!dto.newCase) {
      throw new DomainError('invalid', 'give either caseId or newCase', {
        caseId: ['give either caseId or newCase, not both and not neither'],
      });
    }
    const caseId = await this.dataSource.transaction(async (m) => {
      const lead = await this.claims.heldBy(m, leadId, user, true);
      let target: string;
      if (dto.newCase) {
        target = await this.cases.create(dto.newCase, user, m);
      } else {
        const rows: { status: string }[] = await m.query(
          `SELECT status FROM cases WHERE id = $1 FOR SHARE`,
          [dto.caseId],
        );
        if (!rows[0]) throw new DomainError('not_found', 'case not found');
        if (rows[0].status !== 'open')
          throw new DomainError('conflict', 'case is resolved; a supervisor can reopen it');
        target = dto.caseId!;
      }
      await m.query(
        `UPDATE leads SET stage = 'linked', case_id = $2, lease_expires_at = NULL, updated_at = now() WHERE id = $1`,
        [lead.id, target],
      );
      await moveLeadTips(m, this.tips, lead, {
        stage: 'linked',
        stamp: 'linked_at',
        event: 'linked',
        actor: user.username,
        role: user.role,
        detail: { caseId: target },
        caseId: target,
      });
      await this.caseEvents.append(m, target, 'lead_linked', user, { leadId: lead.id });
      return target;
    });
    return { lead: await this.get(leadId), case: await this.cases.get(caseId) };
  }

  async dismiss(leadId: string, dto: DismissLeadDto, user: Claimer): Promise<LeadView> {
    await this.dataSource.transaction(async (m) => {
      const lead = await this.claims.heldBy(m, leadId, user, true);
      await m.query(
        `UPDATE leads SET stage = 'dismissed', dismissed_reason = $2, lease_expires_at = NULL, updated_at = now()
         WHERE id = $1`,
        [lead.id, dto.reason],
      );
      await moveLeadTips(m, this.tips, lead, {
        stage: 'dismissed',
        stamp: 'dismissed_at',
        event: 'dismissed',
        actor: user.username,
        role: user.role,
      });
    });
    return this.get(leadId);
  }

  async get(leadId: string): Promise<LeadView> {
    const rows: LeadRow[] = await this.dataSource.query(`SELECT * FROM leads WHERE id = $1`, [
      leadId,
    ]);
    if (!rows[0]) throw new DomainError('not_found', 'lead not found');
    const live = await this.leads.withLiveSuggestions(this.dataSource.manager, rows);
    const [view] = await this.leads.views(this.dataSource.manager, live, {
      points: this.settings.agePointsPerHour,
      cap: this.settings.ageCap,
    });
    return view;
  }

  async list(q: {
    stage?: string;
    urgent?: 'true' | 'false';
    limit?: number;
    cursor?: string;
  }): Promise<{ items: LeadView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.stage === 'open')
      where.push(`(stage = 'open' OR (stage = 'claimed' AND lease_expires_at <= now()))`);
    else if (q.stage === 'claimed') where.push(`stage = 'claimed' AND lease_expires_at > now()`);
    else if (q.stage) {
      params.push(q.stage);
      where.push(`stage = $${params.length}`);
    }
    if (q.urgent) where.push(q.urgent === 'true' ? 'urgent' : 'NOT urgent');
    if (q.cursor) {
      params.push(q.cursor);
      where.push(
        `(opened_at, id) < (SELECT opened_at, id FROM leads WHERE id = $${params.length})`,
      );
    }
    params.push(limit + 1);
    const rows: LeadRow[] = await this.dataSource.query(
      `SELECT * FROM leads ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY opened_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const items = await this.leads.views(this.dataSource.manager, page, {
      points: this.settings.agePointsPerHour,
      cap: this.settings.ageCap,
    });
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
