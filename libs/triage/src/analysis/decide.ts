import type { Category, Channel, Reason } from '@app/contracts';
import { normalizeText } from './normalize';
import { scorePriority } from './priority';
import { assessQuality } from './quality';
import { assessUrgency, type UrgentSignal } from './urgency';

export interface TriageInput {
  description: string;
  category: Category;
  channel: Channel;
  /** The tip's location address field, if any: a place the description need not repeat. */
  address?: string | null;
  occurredAt?: Date | null;
  receivedAt: Date;
  /** normalizeText(description), when the caller has it already. */
  normalized?: string;
}

/**
 * Triage's recommendation for one tip. A person can overturn any of it (review, restore,
 * priority override); nothing here closes a report for good.
 */
export interface TriageDecision {
  /** The text names an immediate threat to life or safety. */
  urgent: boolean;
  signals: UrgentSignal[];
  /** 0..100; an urgent tip gets at least URGENT_PRIORITY_FLOOR. */
  priority: number;
  /** English, one line per reason; codes[i] is reasons[i] as a code. Never quotes the tip. */
  reasons: string[];
  codes: Reason[];
  /** pass: on to linkage; review: a person decides; reject: clear junk, closed (restorable). */
  verdict: 'pass' | 'review' | 'reject';
  /** The quality code when verdict is 'review'. */
  reviewReason: string | null;
  /** The quality code when verdict is 'reject'. */
  rejectedReason: string | null;
}

/** The lowest priority an urgent tip gets, so that it is claimed ahead of routine work. */
export const URGENT_PRIORITY_FLOOR = 80;

/**
 * Scores, screens and checks a tip for a threat to life, and recommends what happens to it. Life
 * first: an urgent tip always passes, whatever the screen says about its wording, and is lifted
 * to the urgent floor. Otherwise only clear junk is rejected (ads, noise, test messages); a vague
 * tip, one written in capitals with nothing concrete, or one the screen is unsure of, goes to a
 * person.
 */
export function decideTriage(input: TriageInput): TriageDecision {
  const normalized = input.normalized ?? normalizeText(input.description);
  const scored = scorePriority({
    category: input.category,
    channel: input.channel,
    description: input.description,
    normalized,
    occurredAt: input.occurredAt,
    receivedAt: input.receivedAt,
  });
  const { urgent, signals } = assessUrgency(input.description, normalized);
  const reasons = [...scored.reasons];
  const codes = [...scored.codes];
  let priority = scored.priority;

  if (urgent) {
    for (const signal of signals) {
      reasons.push(`urgent: ${signal}`);
      codes.push({ code: 'urgent', params: { signal } });
    }
    if (priority < URGENT_PRIORITY_FLOOR) {
      priority = URGENT_PRIORITY_FLOOR;
      reasons.push(`raised to ${URGENT_PRIORITY_FLOOR} as urgent`);
      codes.push({ code: 'urgent_floor', params: { priority: URGENT_PRIORITY_FLOOR } });
    }
    return {
      urgent,
      signals,
      priority,
      reasons,
      codes,
      verdict: 'pass',
      reviewReason: null,
      rejectedReason: null,
    };
  }

  const quality = assessQuality(input.description, normalized, {
    address: input.address,
    occurredAt: input.occurredAt,
  });
  const base = { urgent, signals, priority, reasons, codes };
  if (quality.ok) return { ...base, verdict: 'pass', reviewReason: null, rejectedReason: null };
  // Capitals alone are not junk (older callers type in capitals): a person looks at those.
  if (quality.reason === 'spam' && quality.code !== 'spam_shouting') {
    return { ...base, verdict: 'reject', reviewReason: null, rejectedReason: quality.code };
  }
  return { ...base, verdict: 'review', reviewReason: quality.code, rejectedReason: null };
}
