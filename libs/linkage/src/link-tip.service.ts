import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TipStage } from '@app/contracts';
import { returningRows, SqlBatch } from '@app/database';
import type { LeadStage } from '@app/database';
import type { StageOutcome } from '@app/dispatch';
import { TipsRepository } from '@app/tips';
import { CaseSuggester } from './case-suggester';

interface TriagedTip {
  id: string;
  ward: string;
  category: string;
  priority: number;
  duplicate_of: string | null;
  description_norm: string;
}

/** A duplicate's stage follows its lead's. */
const STAGE_FOR_LEAD: Record<LeadStage, TipStage> = {
  open: 'duplicate',
  claimed: 'lead_claimed',
  linked: 'linked',
  dismissed: 'dismissed',
};

/** Raised when a duplicate arrives before its original has a lead; the job retries. */
export class OriginalNotLinkedYet extends Error {
  override name = 'OriginalNotLinkedYet';
}

/**
 * Linkage: an actionable tip opens a lead carrying its priority and up to three suggested open
 * cases; a duplicate joins the lead of the tip it repeats.
 */
@Injectable()
export class LinkTipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly suggester: CaseSuggester,
    private readonly tips: TipsRepository,
  ) {}

  async link(tipId: string): Promise<StageOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const rows: TriagedTip[] = await manager.query(
        `SELECT id, ward, category, priority, duplicate_of, description_norm
         FROM tips WHERE id = $1 AND stage = 'triaged' FOR UPDATE`,
        [tipId],
      );
      const tip = rows[0];
      if (!tip) return 'skipped';

      if (tip.duplicate_of) {
        const orig: { lead_id: string | null; stage: TipStage }[] = await manager.query(
          `SELECT lead_id, stage FROM tips WHERE id = $1 FOR SHARE`,
          [tip.duplicate_of],
        );
        const leadId = orig[0]?.lead_id;
        if (leadId) {
          await this.joinLead(manager, tip, leadId);
          return 'done';
        }
        // The original's own linkage adopts this tip when it runs; until then, retry.
        if (orig[0] && (orig[0].stage === 'received' || orig[0].stage === 'triaged')) {
          throw new OriginalNotLinkedYet('original tip has no lead yet');
        }
        // The original can no longer take duplicates: this report stands on its own.
      }

      const suggestions = await this.suggester.suggest(manager, {
        id: tip.id,
        ward: tip.ward,
        category: tip.category,
        norm: tip.description_norm,
      });
      const leadId = randomUUID();
      // The lead, the tip's move onto it and its event in one statement.
      const batch = new SqlBatch();
      const p = (v: unknown) => batch.param(v);
      batch.add(
        `INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id, suggestions)
         VALUES (${p(leadId)}::uuid, 'open', ${p(tip.priority)}::int, ${p(tip.ward)}, ${p(tip.category)},
                 ${p(tip.id)}::uuid, ${p(JSON.stringify(suggestions))}::jsonb)`,
      );
      batch.add(
        `UPDATE tips SET stage = 'lead_open', lead_id = ${p(leadId)}::uuid, lead_open_at = now(),
           stage_changed_at = now() WHERE id = ${p(tip.id)}::uuid`,
      );
      this.tips.addEventsTo(batch, [
        {
          tipId: tip.id,
          type: 'lead_opened',
          actor: 'linkage',
          detail: { leadId, priority: tip.priority, suggestions: suggestions.length },
        },
      ]);
      // Duplicates that arrived first and are waiting for this lead, read (and locked) by the
      // same statement; they join it now.
      const waiting = await batch.run<TriagedTip>(
        manager,
        `SELECT id, ward, category, priority, duplicate_of, description_norm
         FROM tips WHERE duplicate_of = ${p(tip.id)}::uuid AND stage = 'triaged'
         FOR UPDATE SKIP LOCKED`,
      );
      for (const dup of waiting) await this.joinLead(manager, dup, leadId);
      return 'done';
    });
  }

  private async joinLead(manager: EntityManager, tip: TriagedTip, leadId: string): Promise<void> {
    // Locks the lead (as SELECT … FOR UPDATE did) and reads its stage in the same statement.
    const leads = await returningRows<{ stage: LeadStage }>(
      manager,
      `UPDATE leads SET priority = GREATEST(priority, $2), updated_at = now() WHERE id = $1
       RETURNING stage`,
      [leadId, tip.priority],
    );
    const stage = STAGE_FOR_LEAD[leads[0].stage];
    const batch = new SqlBatch();
    batch.add(
      `UPDATE tips SET stage = ${batch.param(stage)}, lead_id = ${batch.param(leadId)}::uuid,
         lead_open_at = now(), stage_changed_at = now()
       WHERE id = ${batch.param(tip.id)}::uuid`,
    );
    this.tips.addEventsTo(batch, [
      { tipId: tip.id, type: 'lead_joined', actor: 'linkage', detail: { leadId } },
    ]);
    await batch.run(manager);
  }
}
