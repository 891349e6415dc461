import type { TipStage } from '@app/contracts';
import type { SqlBatch } from '@app/database';

/**
 * The tip's stage machine: for each stage, the stages a tip may reach it from.
 *
 * - `triaged`: triage passing a tip; a person accepting a held tip or restoring a rejected one;
 *   a duplicate unmerged from the lead it joined (from wherever that lead was).
 * - `needs_review` / `rejected`: triage holding or rejecting; a person rejecting a held tip; a
 *   tipster's reply to a rejected tip.
 * - `lead_open` / `duplicate`: linkage opening a lead or joining an open one; a lead released,
 *   its lease expired, or a dismissed lead reopened by a new report.
 * - `lead_claimed`: a claim (the origin and its duplicates); a report joining a claimed lead.
 * - `linked` / `dismissed`: the lead linked to a case or dismissed; a report joining a linked lead.
 *
 * Every statement that changes a tip's stage is built by `tipStageUpdate`, which writes nothing
 * for a tip whose current stage may not lead to the new one.
 */
export const TIP_STAGE_FROM: { readonly [S in TipStage]: readonly TipStage[] } = {
  received: [],
  triaged: [
    'received',
    'needs_review',
    'rejected',
    'duplicate',
    'lead_claimed',
    'linked',
    'dismissed',
  ],
  needs_review: ['received', 'rejected'],
  rejected: ['received', 'needs_review'],
  duplicate: ['triaged', 'lead_claimed', 'dismissed', 'duplicate'],
  lead_open: ['triaged', 'lead_claimed', 'dismissed', 'lead_open'],
  lead_claimed: ['lead_open', 'duplicate', 'triaged', 'lead_claimed'],
  linked: ['lead_claimed', 'lead_open', 'duplicate', 'triaged'],
  dismissed: ['lead_claimed', 'lead_open', 'duplicate'],
};

/** Whether the machine allows a tip in `from` to move to `to`. */
export function mayMove(from: TipStage, to: TipStage): boolean {
  return TIP_STAGE_FROM[to].includes(from);
}

/** The column that records when a tip reached a stage. */
export type StageStamp =
  'triaged_at' | 'lead_open_at' | 'claimed_at' | 'linked_at' | 'dismissed_at';

export interface StageMove {
  /**
   * The new stage, or an SQL expression giving it per row together with the stages it can give
   * (a reopened lead: `lead_open` for its origin, `duplicate` for the others).
   */
  to: TipStage | { sql: string; stages: readonly TipStage[] };
  /** The moment column to stamp with now(), or with an SQL expression. */
  stamp?: StageStamp | { column: StageStamp; sql: string };
  /** Further assignments (SQL, parameters already in the batch). */
  set?: string[];
  /** Extra FROM items, e.g. `unnest(...) AS v(id, ...)`. */
  from?: string;
  /** Which tips (SQL over `t`). */
  where: string;
  /** Further columns of the moved tips to return (SQL over `t`), e.g. `t.lead_id`. */
  returning?: string[];
}

/**
 * The one statement that moves tips between stages: sets `stage` and `stage_changed_at`, stamps
 * the stage's moment, writes what the caller adds, and only for tips whose current stage may
 * lead to the new one (TIP_STAGE_FROM). Added to `batch`; returns the name under which the batch
 * reads the moved tips' `id` and `received_at` (and the `returning` columns). The caller adds each move's event
 * (TipsRepository.addEventsForTo over the returned rows, or addEventsTo).
 */
export function tipStageUpdate(batch: SqlBatch, move: StageMove, name?: string): string {
  const targets = typeof move.to === 'string' ? [move.to] : move.to.stages;
  const from = [...new Set(targets.flatMap((s) => TIP_STAGE_FROM[s]))];
  const to = typeof move.to === 'string' ? batch.param(move.to) + '::text' : move.to.sql;
  const sets = [`stage = ${to}`, 'stage_changed_at = now()'];
  if (move.stamp) {
    sets.push(
      typeof move.stamp === 'string'
        ? `${move.stamp} = now()`
        : `${move.stamp.column} = ${move.stamp.sql}`,
    );
  }
  sets.push(...(move.set ?? []));
  return batch.add(
    `UPDATE tips t SET ${sets.join(', ')}
     ${move.from ? `FROM ${move.from}` : ''}
     WHERE (${move.where}) AND t.stage = ANY(${batch.param(from)}::text[])
     RETURNING ${['t.id', 't.received_at', ...(move.returning ?? [])].join(', ')}`,
    name,
  );
}
