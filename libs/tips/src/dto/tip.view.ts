import type { Category, Channel, ExplainedReason, ReasonText, TipStage } from '@app/contracts';

/** A tip as the API shows it: never the tipster's identity, only whether there is one. */
export interface TipView {
  id: string;
  reference: string;
  stage: TipStage;
  channel: Channel;
  category: Category;
  ward: string;
  description: string;
  occurredAt: string | null;
  location: { address: string | null; lat: number | null; lng: number | null } | null;
  anonymous: boolean;
  hasContact: boolean;
  imported: boolean;
  externalRef: string | null;
  receivedAt: string;
  triagedAt: string | null;
  leadOpenAt: string | null;
  claimedAt: string | null;
  linkedAt: string | null;
  dismissedAt: string | null;
  /** When a decision (link to a case or dismissal) is due; null until the tip reaches a lead. */
  decisionDueAt: string | null;
  /** How many times a supervisor moved the deadline later (at most 2). */
  decisionExtensions: number;
  /** Past its deadline and neither linked nor dismissed, now. */
  overdue: boolean;
  triage: {
    priority: number;
    /** True when the text names an immediate threat to life or safety. */
    urgent: boolean;
    /** One English line per reason (as first published). */
    reasons: string[];
    /** The same reasons with their code and their Vietnamese and English text. */
    reasonDetails: ExplainedReason[];
    duplicateOf: string | null;
    /** A code for triage's own rejections, or the reason a person gave. */
    rejectedReason: string | null;
    rejectedReasonText: ReasonText | null;
    /** Why triage sent the tip to a person (a code), while it waits in `needs_review`. */
    reviewReason: string | null;
    reviewReasonText: ReasonText | null;
  } | null;
  leadId: string | null;
  caseIds: string[];
  outcome: { caseStatus: string | null; resolution: string | null; arrests: number };
  /** Files given with the tip (GET /api/tips/:id/attachments). */
  attachmentCount: number;
}

export interface TipAccepted {
  id: string;
  reference: string;
  stage: 'received';
  followUpCode?: string;
}

export interface TipPage {
  items: TipView[];
  nextCursor: string | null;
}

export interface TipTrace {
  tip: TipView;
  /** From a district's earlier register (POST /api/tips/import), not taken live. */
  imported: boolean;
  /** When an imported tip entered TipTrace (its `imported` event); null for a live tip. */
  importedAt: string | null;
  events: {
    at: string;
    type: string;
    actor: string | null;
    detail: Record<string, unknown>;
    /** The event as one readable line in each language. */
    text: ReasonText;
  }[];
}
