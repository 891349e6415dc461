import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StageOutcome } from '@app/dispatch';

/** Case event type → the tip event it becomes on each tip of the case. */
const TIP_EVENT: Record<string, string> = {
  arrest_recorded: 'arrest_recorded',
  case_resolved: 'case_resolved',
  case_reopened: 'case_reopened',
};

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
  const cases: { status: string; resolution: string | null; arrests: number }[] = await m.query(
    `SELECT c.status, c.resolution, (SELECT count(*)::int FROM arrests a WHERE a.case_id = c.id) AS arrests
     FROM cases c WHERE c.id = $1 FOR SHARE`,
    [caseId],
  );
  const c = cases[0];
  if (!c) return 'skipped';
  const tips: { id: string }[] = await m.query(
    `SELECT t.id FROM tips t JOIN leads l ON l.id = t.lead_id
     WHERE l.case_id = $1 ORDER BY t.id FOR UPDATE OF t`,
    [caseId],
  );
  if (tips.length === 0) return 'skipped';
  const ids = tips.map((t) => t.id);
  await m.query(
    `UPDATE tips SET case_id = $2, case_status = $3, case_resolution = $4, arrests = $5
     WHERE id = ANY($1) AND (case_id IS DISTINCT FROM $2 OR case_status IS DISTINCT FROM $3
       OR case_resolution IS DISTINCT FROM $4 OR arrests <> $5)`,
    [ids, caseId, c.status, c.resolution, c.arrests],
  );
  await m.query(
    `INSERT INTO tip_events (tip_id, type, at, actor, detail, dedupe_key)
     SELECT t.id, CASE e.type ${Object.entries(TIP_EVENT)
       .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
       .join(' ')} END,
            e.at, e.actor, e.detail || jsonb_build_object('caseId', e.case_id), 'case_event:' || e.id
     FROM unnest($1::uuid[]) AS t(id)
     CROSS JOIN case_events e
     WHERE e.case_id = $2 AND e.type = ANY($3)
     ON CONFLICT (tip_id, dedupe_key) DO NOTHING`,
    [ids, caseId, Object.keys(TIP_EVENT)],
  );
  return 'done';
}
