import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StageOutcome } from '@app/dispatch';
import { CasesRepository } from './cases.repository';

/** The projection's statements, for the free function below as for the injected projector. */
const cases = new CasesRepository();

/**
 * Carries a case's outcome to every tip linked to it: status, resolution and arrest count are
 * recomputed from the case (not incremented), and case events become tip events keyed by the case
 * event's id, so however often a job is delivered the tips end the same.
 */
@Injectable()
export class OutcomeProjector {
  constructor(private readonly dataSource: DataSource) {}

  async project(caseId: string): Promise<StageOutcome> {
    return this.dataSource.transaction((m) => projectCaseOutcome(m, caseId));
  }
}

/**
 * The projection of one case onto its tips, in the caller's transaction: also used when a new
 * report joins a lead that is already linked, so that it gets the case's outcome and trail at once.
 */
export async function projectCaseOutcome(m: EntityManager, caseId: string): Promise<StageOutcome> {
  const c = await cases.outcomeOf(m, caseId);
  if (!c) return 'skipped';
  const ids = await cases.lockTipsOf(m, caseId);
  if (ids.length === 0) return 'skipped';
  await cases.carryOutcome(m, ids, caseId, c);
  return 'done';
}
