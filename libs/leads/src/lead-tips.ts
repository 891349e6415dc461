import type { EntityManager } from 'typeorm';
import { returningRows } from '@app/database';
import type { TipsRepository } from '@app/tips';

/** Which column of `tips` records the moment a lead action reached the tip. */
type StampColumn = 'claimed_at' | 'linked_at' | 'dismissed_at' | null;

/**
 * Moves every tip of a lead (its origin and the duplicates that joined it) with the lead, and
 * writes the matching event on each, in the caller's transaction.
 */
export async function moveLeadTips(
  m: EntityManager,
  tips: TipsRepository,
  lead: { id: string; origin_tip_id: string },
  move: {
    /** Stage of the origin tip; duplicates take 'duplicate' instead when it is 'lead_open'. */
    stage: 'lead_open' | 'lead_claimed' | 'linked' | 'dismissed';
    stamp: StampColumn;
    event: string;
    actor: string | null;
    role?: string | null;
    detail?: Record<string, unknown>;
    caseId?: string;
  },
): Promise<string[]> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE tips SET
       stage = CASE WHEN $3 = 'lead_open' AND id <> $2 THEN 'duplicate' ELSE $3 END,
       stage_changed_at = now()
       ${move.stamp ? `, ${move.stamp} = now()` : ''}
       ${move.caseId ? `, case_id = $4` : ''}
     WHERE lead_id = $1 RETURNING id`,
    move.caseId
      ? [lead.id, lead.origin_tip_id, move.stage, move.caseId]
      : [lead.id, lead.origin_tip_id, move.stage],
  );
  const ids = rows.map((r) => r.id);
  await tips.addEvents(
    m,
    ids.map((tipId) => ({
      tipId,
      type: move.event,
      actor: move.actor,
      role: move.role ?? (move.actor ? null : 'system'),
      detail: { leadId: lead.id, ...move.detail },
    })),
  );
  return ids;
}
