import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseSuggestion } from '@app/database';
import { LinkageRepository } from './linkage.repository';
import type { CaseCandidate } from './linkage.repository';

const MAX_SUGGESTIONS = 3;
const MIN_SCORE = 0.3;

/**
 * Up to three open cases a lead may belong to, each with a score in [0, 1] and the reasons:
 * same ward, same category, phones/plates/addresses shared with the case's tips, text similarity
 * to the case's tips. Computed when the lead opens and again whenever it is read or claimed, so a
 * case opened since is suggested too.
 */
@Injectable()
export class CaseSuggester {
  constructor(private readonly linkage: LinkageRepository = new LinkageRepository()) {}

  /** The suggestions for each of several new tips (its own text and entities), in one statement. */
  async suggestForTips(
    manager: EntityManager,
    tips: { id: string; ward: string; category: string; norm: string }[],
  ): Promise<Map<string, CaseSuggestion[]>> {
    const candidates = await this.linkage.caseCandidatesForTips(manager, tips);
    return new Map([...candidates].map(([id, rows]) => [id, best(rows)]));
  }

  /**
   * The suggestions for several leads now, in one statement, each over its origin tip's text and
   * the entities of all its tips; the suggestions per lead id.
   */
  async suggestForLeads(
    manager: EntityManager,
    leads: { id: string; ward: string; category: string; origin_tip_id: string; opened_at: Date }[],
  ): Promise<Map<string, CaseSuggestion[]>> {
    const candidates = await this.linkage.caseCandidatesForLeads(manager, leads);
    return new Map([...candidates].map(([id, rows]) => [id, best(rows)]));
  }
}

/** The best-scored candidates, at most three, none under the minimum score. */
function best(rows: CaseCandidate[]): CaseSuggestion[] {
  return rows
    .map((r) => score(r))
    .filter((x) => x.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS);
}

export function score(r: CaseCandidate): CaseSuggestion {
  const reasons: string[] = [];
  const codes: NonNullable<CaseSuggestion['codes']> = [];
  let s = 0;
  if (r.same_ward) {
    s += 0.2;
    reasons.push('same ward');
    codes.push({ code: 'same_ward' });
  }
  if (r.same_category) {
    s += 0.2;
    reasons.push('same category');
    codes.push({ code: 'same_category' });
  }
  for (const item of (r.shared ?? []).slice(0, 3)) {
    // A phone, plate or house address names one thing; a landmark or a nickname many.
    s += /^(phone|plate|address) /.test(item) ? 0.25 : 0.15;
    reasons.push(`shared ${item}`);
    const space = item.indexOf(' ');
    codes.push({
      code: 'shared_entity',
      params: { kind: item.slice(0, space), value: item.slice(space + 1) },
    });
  }
  const sim = r.sim === null ? 0 : Number(r.sim);
  if (sim >= 0.2) {
    s += Math.min(0.4, sim * 0.5);
    reasons.push(`text similarity ${sim.toFixed(2)} with the case's tips`);
    codes.push({ code: 'text_similarity', params: { similarity: Math.round(sim * 100) / 100 } });
  }
  if (r.opened_after) {
    reasons.push('case opened after the lead');
    codes.push({ code: 'opened_after_lead' });
  }
  return { caseId: r.id, score: Math.round(Math.min(1, s) * 100) / 100, reasons, codes };
}
