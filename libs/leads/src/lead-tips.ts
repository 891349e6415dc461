import type { EntityManager } from 'typeorm';
import { SqlBatch } from '@app/database';
import { tipStageUpdate } from '@app/tips';
import type { TipsRepository } from '@app/tips';

/** Which column of `tips` records the moment a lead action reached the tip. */
type StampColumn = 'claimed_at' | 'linked_at' | 'dismissed_at' | null;

/**
 * Moves every tip of a lead (its origin and the duplicates that joined it) with the lead, and
 * writes the matching event on each, in the caller's transaction. Returns the tips' ids in the
 * order a lead lists them (received, then id).
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
  // One statement: the tips move, and each gets its event and audit entry.
  const batch = new SqlBatch({ prepared: true });
  const p = (v: unknown) => batch.param(v);
  const stage = p(move.stage);
  const moved = tipStageUpdate(
    batch,
    {
      to: {
        sql: `CASE WHEN ${stage}::text = 'lead_open' AND t.id <> ${p(lead.origin_tip_id)}::uuid
                   THEN 'duplicate' ELSE ${stage}::text END`,
        stages: move.stage === 'lead_open' ? ['lead_open', 'duplicate'] : [move.stage],
      },
      stamp: move.stamp ?? undefined,
      set: move.caseId ? [`case_id = ${p(move.caseId)}::uuid`] : [],
      where: `t.lead_id = ${p(lead.id)}::uuid`,
    },
    'moved',
  );
  tips.addEventsForTo(batch, `SELECT id FROM ${moved}`, {
    type: move.event,
    actor: move.actor,
    role: move.role ?? (move.actor ? null : 'system'),
    detail: { leadId: lead.id, ...move.detail },
  });
  const rows = await batch.run<{ id: string }>(
    m,
    `SELECT id FROM ${moved} ORDER BY received_at, id`,
  );
  return rows.map((r) => r.id);
}
