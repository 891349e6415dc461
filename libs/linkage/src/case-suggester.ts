import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseSuggestion } from '@app/database';

interface CaseCandidate {
  id: string;
  same_ward: boolean;
  same_category: boolean;
  shared: string[] | null;
  sim: number | null;
}

const MAX_SUGGESTIONS = 3;
const MIN_SCORE = 0.3;

/**
 * Up to three open cases a new lead may belong to, each with a score in [0, 1] and the reasons:
 * same ward, same category, phones/plates/addresses shared with the case's tips, text similarity
 * to the case's tips.
 */
@Injectable()
export class CaseSuggester {
  async suggest(
    manager: EntityManager,
    tip: { id: string; ward: string; category: string; norm: string },
  ): Promise<CaseSuggestion[]> {
    const rows: CaseCandidate[] = await manager.query(
      `WITH shared AS (
         SELECT l.case_id, array_agg(DISTINCT v2.kind || ' ' || v2.value) AS items
         FROM tip_entity_values v1
         JOIN tip_entity_values v2 ON v2.kind = v1.kind AND v2.value = v1.value AND v2.tip_id <> v1.tip_id
         JOIN tips t ON t.id = v2.tip_id
         JOIN leads l ON l.id = t.lead_id AND l.case_id IS NOT NULL
         WHERE v1.tip_id = $1
         GROUP BY l.case_id
       ), candidates AS (
         SELECT c.id, c.ward = $2 AS same_ward, c.category = $3 AS same_category, s.items AS shared
         FROM cases c LEFT JOIN shared s ON s.case_id = c.id
         WHERE c.status = 'open' AND (s.case_id IS NOT NULL OR (c.ward = $2 AND c.category = $3))
         ORDER BY s.case_id IS NOT NULL DESC, c.occurred_at DESC
         LIMIT 50
       )
       SELECT k.*, (SELECT max(similarity(t.description_norm, $4))
                    FROM leads l JOIN tips t ON t.lead_id = l.id
                    WHERE l.case_id = k.id) AS sim
       FROM candidates k`,
      [tip.id, tip.ward, tip.category, tip.norm],
    );
    return rows
      .map((r) => score(r))
      .filter((s) => s.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? -1 : 1))
      .slice(0, MAX_SUGGESTIONS);
  }
}

export function score(r: CaseCandidate): CaseSuggestion {
  const reasons: string[] = [];
  let s = 0;
  if (r.same_ward) {
    s += 0.2;
    reasons.push('same ward');
  }
  if (r.same_category) {
    s += 0.2;
    reasons.push('same category');
  }
  for (const item of (r.shared ?? []).slice(0, 3)) {
    s += 0.25;
    reasons.push(`shared ${item}`);
  }
  const sim = r.sim === null ? 0 : Number(r.sim);
  if (sim >= 0.2) {
    s += Math.min(0.4, sim * 0.5);
    reasons.push(`text similarity ${sim.toFixed(2)} with the case's tips`);
  }
  return { caseId: r.id, score: Math.round(Math.min(1, s) * 100) / 100, reasons };
}
