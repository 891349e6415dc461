import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/contracts';
import { CaseEventsWriter } from './case-events.writer';
import { CasesRepository } from './cases.repository';
import type {
  ArrestView,
  AssignCaseDto,
  CaseView,
  CreateCaseDto,
  ListCasesQuery,
  RecordArrestDto,
  ResolveCaseDto,
} from './dto/case.dto';

export interface Actor {
  id: string;
  username: string;
  role: string;
}

/** Cases: opened, arrests recorded while open, resolved, reopened by a supervisor. */
@Injectable()
export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsWriter,
  ) {}

  /** Opens a case; inside the caller's transaction when one is given (linking a lead). */
  async create(dto: CreateCaseDto, actor: Actor, manager?: EntityManager): Promise<string> {
    const run = async (m: EntityManager) => {
      const id = randomUUID();
      await this.cases.insert(m, {
        id,
        title: dto.title,
        kind: dto.kind,
        category: dto.category,
        severity: dto.severity,
        ward: dto.ward,
        occurredAt: new Date(dto.occurredAt).toISOString(),
        createdBy: actor.username,
        // The one who opens a case works it until a supervisor assigns someone else.
        assigneeId: actor.role === 'investigator' ? actor.id : null,
      });
      await this.events.append(m, id, 'case_opened', actor, {
        kind: dto.kind,
        severity: dto.severity,
      });
      return id;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * A supervisor gives the case to an enabled investigator (400 naming `userId` otherwise); the
   * case's trail records who assigned whom.
   */
  async assign(caseId: string, dto: AssignCaseDto, actor: Actor): Promise<CaseView> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.cases.lock(m, caseId);
      if (!c) throw new DomainError('not_found', 'case not found');
      const u = await this.cases.userStanding(m, dto.userId);
      if (!u || u.role !== 'investigator' || u.disabled) {
        throw new DomainError('invalid', 'userId must name an enabled investigator', {
          userId: ['userId must name an enabled investigator'],
        });
      }
      await this.cases.assign(m, caseId, dto.userId);
      await this.events.append(m, caseId, 'case_assigned', actor, { assigneeId: dto.userId });
    });
    return this.get(caseId);
  }

  async get(id: string): Promise<CaseView> {
    const view = await this.cases.view(this.dataSource.manager, id);
    if (!view) throw new DomainError('not_found', 'case not found');
    return view;
  }

  async list(q: ListCasesQuery): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const rows = await this.cases.list(this.dataSource.manager, {
      status: q.status,
      ward: q.ward,
      kind: q.kind,
      after: q.cursor,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async recordArrest(
    caseId: string,
    dto: RecordArrestDto,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<ArrestView> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.cases.lock(m, caseId);
      if (!c) throw new DomainError('not_found', 'case not found');
      if (idempotencyKey) {
        const existing = await this.cases.arrestByKey(m, caseId, idempotencyKey);
        if (existing) return existing;
      }
      if (c.status !== 'open') {
        throw new DomainError('conflict', 'arrests are recorded on open cases only');
      }
      const arrestedAt = new Date(dto.arrestedAt);
      if (arrestedAt < c.occurred_at) {
        throw new DomainError(
          'invalid',
          'arrestedAt is before the case occurred',
          {
            arrestedAt: ['arrestedAt must not be before the case occurred'],
          },
          { arrestedAt: ['beforeCaseTime'] },
        );
      }
      const id = randomUUID();
      await this.cases.insertArrest(m, {
        id,
        caseId,
        personName: dto.personName,
        charge: dto.charge ?? null,
        arrestedAt: arrestedAt.toISOString(),
        recordedBy: actor.username,
        idempotencyKey: idempotencyKey ?? null,
      });
      await this.events.append(
        m,
        caseId,
        'arrest_recorded',
        actor,
        { arrestId: id },
        arrestedAt.toISOString(),
      );
      return {
        id,
        personName: dto.personName,
        charge: dto.charge ?? null,
        arrestedAt: arrestedAt.toISOString(),
        recordedBy: actor.username,
      };
    });
  }

  async resolve(caseId: string, dto: ResolveCaseDto, actor: Actor): Promise<CaseView> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.cases.lock(m, caseId);
      if (!c) throw new DomainError('not_found', 'case not found');
      if (c.status !== 'open') throw new DomainError('conflict', 'case is already resolved');
      const resolvedAt = dto.resolvedAt ? new Date(dto.resolvedAt) : new Date();
      if (resolvedAt < c.occurred_at) {
        throw new DomainError(
          'invalid',
          'resolvedAt is before the case occurred',
          {
            resolvedAt: ['resolvedAt must not be before the case occurred'],
          },
          { resolvedAt: ['beforeCaseTime'] },
        );
      }
      await this.cases.resolve(m, caseId, dto.resolution, resolvedAt.toISOString());
      await this.events.append(
        m,
        caseId,
        'case_resolved',
        actor,
        { resolution: dto.resolution },
        resolvedAt.toISOString(),
      );
    });
    return this.get(caseId);
  }

  async reopen(caseId: string, actor: Actor): Promise<CaseView> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.cases.lock(m, caseId);
      if (!c) throw new DomainError('not_found', 'case not found');
      if (c.status !== 'resolved') throw new DomainError('conflict', 'case is not resolved');
      await this.cases.reopen(m, caseId);
      await this.events.append(m, caseId, 'case_reopened', actor);
    });
    return this.get(caseId);
  }
}
