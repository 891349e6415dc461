import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { explainReason } from '@app/contracts';
import type { CaseSuggestion } from '@app/database';
import { CaseSuggester } from '@app/linkage';
import type { LeadView } from './dto/lead.dto';

export interface LeadRow {
  id: string;
  stage: LeadView['stage'];
  priority: number;
  urgent: boolean;
  ward: string;
  category: string;
  origin_tip_id: string;
  suggestions: CaseSuggestion[];
  claimed_by: string | null;
  claimed_at: Date | null;
  lease_expires_at: Date | null;
  case_id: string | null;
  dismissed_reason: string | null;
  opened_at: Date;
  effective_priority?: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** True while the lead is held by its claimer: claimed, and the lease has not run out. */
export function leaseIsLive(
  lead: Pick<LeadRow, 'stage' | 'lease_expires_at'>,
  now = new Date(),
): boolean {
  return lead.stage === 'claimed' && lead.lease_expires_at !== null && lead.lease_expires_at > now;
}

/** Effective priority: the lead's own plus points for each hour it has waited, capped. */
export const EFFECTIVE_PRIORITY = `(priority + LEAST($AGECAP::numeric,
  floor(extract(epoch FROM now() - opened_at) / 3600 * $AGEPTS::numeric)))::int`;

@Injectable()
export class LeadsRepository {
  constructor(private readonly suggester: CaseSuggester) {}

  /**
   * The leads with their case suggestions computed now (for leads still open or claimed), so a
   * case opened after a lead is suggested the next time the lead is read or claimed. `store`
   * keeps them on the lead (a claim does; a read changes nothing).
   */
  async withLiveSuggestions(m: EntityManager, rows: LeadRow[], store = false): Promise<LeadRow[]> {
    const out: LeadRow[] = [];
    for (const r of rows) {
      if (r.stage !== 'open' && r.stage !== 'claimed') {
        out.push(r);
        continue;
      }
      const suggestions = await this.suggester.suggestForLead(m, r);
      if (store) {
        await m.query(`UPDATE leads SET suggestions = $2::jsonb WHERE id = $1`, [
          r.id,
          JSON.stringify(suggestions),
        ]);
      }
      out.push({ ...r, suggestions });
    }
    return out;
  }

  async lock(m: EntityManager, id: string): Promise<LeadRow | null> {
    const rows: LeadRow[] = await m.query(`SELECT * FROM leads WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async tipIds(m: EntityManager, leadIds: string[]): Promise<Map<string, string[]>> {
    const rows: { lead_id: string; id: string }[] = await m.query(
      `SELECT lead_id, id FROM tips WHERE lead_id = ANY($1) ORDER BY received_at, id`,
      [leadIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.lead_id, [...(out.get(r.lead_id) ?? []), r.id]);
    return out;
  }

  async views(
    m: EntityManager,
    rows: LeadRow[],
    age: { points: number; cap: number },
    /** The leads' tip ids when the caller already has them (as tipIds orders them). */
    known?: Map<string, string[]>,
  ): Promise<LeadView[]> {
    const tips =
      known ??
      (await this.tipIds(
        m,
        rows.map((r) => r.id),
      ));
    const now = Date.now();
    return rows.map((r) => {
      const waitedHours = (now - r.opened_at.getTime()) / 3_600_000;
      // A lapsed lease is already back in the queue, whether or not the sweeper has run.
      const lapsed =
        r.stage === 'claimed' && r.lease_expires_at !== null && r.lease_expires_at.getTime() <= now;
      return {
        id: r.id,
        stage: lapsed ? 'open' : r.stage,
        priority: r.priority,
        urgent: r.urgent,
        effectivePriority:
          r.effective_priority ??
          r.priority + Math.min(age.cap, Math.floor(waitedHours * age.points)),
        ward: r.ward,
        category: r.category,
        tipIds: tips.get(r.id) ?? [],
        suggestions: r.suggestions.map((x) => ({
          caseId: x.caseId,
          score: x.score,
          reasons: x.reasons,
          reasonDetails: (x.codes ?? x.reasons).map((c) => explainReason(c)),
        })),
        claimedBy: lapsed ? null : r.claimed_by,
        claimedAt: lapsed ? null : iso(r.claimed_at),
        leaseExpiresAt: lapsed ? null : iso(r.lease_expires_at),
        caseId: r.case_id,
        dismissedReason: r.dismissed_reason,
        openedAt: r.opened_at.toISOString(),
      };
    });
  }
}
