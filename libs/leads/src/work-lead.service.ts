import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeadsConfig, leadsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { CaseEventsWriter, CaseService, CaseView } from '@app/cases';
import { ClaimLeadService, Claimer } from './claim-lead.service';
import type { DismissLeadDto, LeadView, LinkLeadDto } from './dto/lead.dto';
import { LeadsRepository } from './leads.repository';

/** Working a claimed lead: link it to a case (existing or new) or dismiss it with a reason. */
@Injectable()
export class WorkLeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimLeadService,
    private readonly leads: LeadsRepository,
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
        const status = await this.leads.caseStatusForLink(m, dto.caseId!);
        if (!status) throw new DomainError('not_found', 'case not found');
        if (status !== 'open')
          throw new DomainError('conflict', 'case is resolved; a supervisor can reopen it');
        target = dto.caseId!;
      }
      await this.leads.markLinked(m, lead.id, target);
      await this.leads.moveTips(m, lead, {
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
      await this.leads.markDismissed(m, lead.id, dto.reason);
      await this.leads.moveTips(m, lead, {
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
    const row = await this.leads.byId(this.dataSource.manager, leadId);
    if (!row) throw new DomainError('not_found', 'lead not found');
    const live = await this.leads.withLiveSuggestions(this.dataSource.manager, [row]);
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
    const rows = await this.leads.list(this.dataSource.manager, { ...q, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items = await this.leads.views(this.dataSource.manager, page, {
      points: this.settings.agePointsPerHour,
      cap: this.settings.ageCap,
    });
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
