import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TipStage } from '@app/contracts';
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
      await manager.query(
        `INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id, suggestions)
         VALUES ($1, 'open', $2, $3, $4, $5, $6)`,
        [leadId, tip.priority, tip.ward, tip.category, tip.id, JSON.stringify(suggestions)],
      );
      await manager.query(
        `UPDATE tips SET stage = 'lead_open', lead_id = $2, lead_open_at = now(),
           stage_changed_at = now() WHERE id = $1`,
        [tip.id, leadId],
      );
      await this.tips.addEvents(manager, [
        {
          tipId: tip.id,
          type: 'lead_opened',
          actor: 'linkage',
          detail: { leadId, priority: tip.priority, suggestions: suggestions.length },
        },
      ]);
      // Duplicates that arrived first and are waiting for this lead join it now.
      const waiting: TriagedTip[] = await manager.query(
        `SELECT id, ward, category, priority, duplicate_of, description_norm
         FROM tips WHERE duplicate_of = $1 AND stage = 'triaged' FOR UPDATE SKIP LOCKED`,
        [tip.id],
      );
      for (const dup of waiting) await this.joinLead(manager, dup, leadId);
      return 'done';
    });
  }

  private async joinLead(manager: EntityManager, tip: TriagedTip, leadId: string): Promise<void> {
    const leads: { stage: LeadStage }[] = await manager.query(
      `SELECT stage FROM leads WHERE id = $1 FOR UPDATE`,
      [leadId],
    );
    await manager.query(
      `UPDATE leads SET priority = GREATEST(priority, $2), updated_at = now() WHERE id = $1`,
      [leadId, tip.priority],
    );
    const stage = STAGE_FOR_LEAD[leads[0].stage];
    await manager.query(
      `UPDATE tips SET stage = $2, lead_id = $3, lead_open_at = now(), stage_changed_at = now()
       WHERE id = $1`,
      [tip.id, stage, leadId],
    );
    await this.tips.addEvents(manager, [
      { tipId: tip.id, type: 'lead_joined', actor: 'linkage', detail: { leadId } },
    ]);
  }
}
