/** The API's answers as the console reads them (see the contract; ids are UUIDs, times ISO-8601). */
export type Role = 'operator' | 'investigator' | 'supervisor' | 'admin';
export type TipStage =
  | 'received'
  | 'triaged'
  | 'duplicate'
  | 'rejected'
  | 'needs_review'
  | 'lead_open'
  | 'lead_claimed'
  | 'linked'
  | 'dismissed';

export interface Reference {
  district: string;
  channels: string[];
  categories: string[];
  categoryLabels: Record<string, { vi: string; en: string }>;
  wards: string[];
  caseKinds: string[];
  severities: string[];
}

/** A text the API gives in both languages; the console shows the chosen one only. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** One reason (triage's or linkage's) as a code with its text in both languages. */
export interface ReasonDetail extends Bilingual {
  code: string;
  params?: Record<string, unknown>;
}

export interface TipView {
  id: string;
  reference: string;
  stage: TipStage;
  channel: string;
  category: string;
  ward: string;
  description: string;
  occurredAt: string | null;
  location: { address: string | null; lat: number | null; lng: number | null } | null;
  anonymous: boolean;
  hasContact: boolean;
  imported: boolean;
  receivedAt: string;
  /** When a decision (link or dismissal) is due; null before the tip reaches a lead. */
  decisionDueAt?: string | null;
  /** Past its deadline and neither linked nor dismissed. */
  overdue?: boolean;
  triage: {
    priority: number;
    /** The reasons in English; `reasonDetails` holds the same ones in both languages. */
    reasons: string[];
    reasonDetails?: ReasonDetail[];
    /** An immediate threat to life or safety: never rejected, never sent to review. */
    urgent?: boolean;
    duplicateOf: string | null;
    /** A code for an automatic rejection, or the words of the person who rejected it. */
    rejectedReason: string | null;
    /** Present when `rejectedReason` is a code. */
    rejectedReasonText?: Bilingual | null;
    /** Why triage left the decision to a person (a code). */
    reviewReason?: string | null;
    reviewReasonText?: Bilingual | null;
  } | null;
  leadId: string | null;
  caseIds: string[];
  outcome: { caseStatus: string | null; resolution: string | null; arrests: number };
  /** Files given with the tip. */
  attachmentCount?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TipAccepted {
  id: string;
  reference: string;
  stage: 'received';
  followUpCode?: string;
}

export interface Suggestion {
  caseId: string;
  score: number;
  reasons: string[];
  reasonDetails?: ReasonDetail[];
}

export interface LeadView {
  id: string;
  stage: 'open' | 'claimed' | 'linked' | 'dismissed';
  priority: number;
  effectivePriority: number;
  ward: string;
  category: string;
  tipIds: string[];
  urgent?: boolean;
  suggestions: Suggestion[];
  claimedBy: string | null;
  claimedAt: string | null;
  leaseExpiresAt: string | null;
  caseId: string | null;
  dismissedReason: string | null;
  openedAt: string;
}

export interface ArrestView {
  id: string;
  personName: string;
  charge: string | null;
  arrestedAt: string;
  recordedBy: string | null;
}

export interface CaseView {
  id: string;
  title: string;
  kind: string;
  category: string;
  severity: string;
  ward: string;
  occurredAt: string;
  status: 'open' | 'resolved';
  resolution: 'solved' | 'unfounded' | null;
  resolvedAt: string | null;
  createdAt: string;
  tipIds: string[];
  leadIds: string[];
  arrests: ArrestView[];
}

export interface MessageView {
  id?: string;
  direction: 'to_tipster' | 'from_tipster';
  body: string;
  author?: string | null;
  createdAt: string;
}

export interface FunnelCounts {
  tipsReceived: number;
  tipsActionable: number;
  tipsDuplicate: number;
  tipsRejected: number;
  /** Tips of the period waiting for a person's decision (`needs_review`). */
  tipsNeedingReview?: number;
  tipsLinked: number;
  casesFromTips: number;
  casesResolvedFromTips: number;
  arrestsFromTips: number;
  medianSecondsToTriage: number | null;
  medianSecondsToClaim: number | null;
}

export interface Funnel extends FunnelCounts {
  byWard: (FunnelCounts & { ward: string })[];
}

export interface Clearance {
  occurred: number;
  solved: number;
  clearanceRate: number;
}

export interface AnnualReport {
  year: number;
  criminal: Clearance & { arrests: number; severe: Clearance };
  tips: { received: number; casesResolved: number; arrests: number };
  text: { vi: string; en: string };
}

export interface TraceEvent {
  at: string;
  type: string;
  actor: string | null;
  detail: Record<string, unknown>;
  /** The event as a readable line in both languages (no raw keys). */
  text?: Bilingual;
}

export interface TipTrace {
  tip: TipView;
  events: TraceEvent[];
}

export interface AuditView {
  id: string;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: string;
  reason: string | null;
  detail: Record<string, unknown>;
}

export interface AuditVerification {
  valid: boolean;
  entries: number;
  brokenAt?: string;
  problem?: string;
  unsealed: number;
}

export interface QueueHealthView {
  at: string;
  queues: {
    name: string;
    waiting: number;
    active: number;
    delayed: number;
    failed: number;
    deadLetters: number;
  }[];
  outbox: { pending: number; oldestSeconds: number | null };
  recentDeadLetters: {
    queue: string;
    jobId: string;
    tipId: string | null;
    error: string;
    attempts: number;
    failedAt: string;
  }[];
}

export type PublicStatus = 'received' | 'under_review' | 'closed';

export interface PublicTipView {
  status: PublicStatus;
  messages: MessageView[];
}

export interface UserView {
  id: string;
  username: string;
  role: Role;
  displayName?: string | null;
  disabled: boolean;
  mfaEnabled: boolean;
}

/** GET /api/users/me: the caller, with what it must do before anything else. */
export interface MeView extends UserView {
  mustChangePassword: boolean;
  mfaEnrolmentRequired: boolean;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  role: Role;
  mustChangePassword?: boolean;
  mfaEnrolmentRequired?: boolean;
}

/** POST /api/users/me/mfa: shown once. */
export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

export type NotificationType =
  | 'urgent_lead'
  | 'urgent_unclaimed'
  | 'tipster_replied'
  | 'lead_reopened'
  | 'deadline_near'
  | 'deadline_missed';

/** What happened to which lead or tip: ids only, never a tip's text. */
export interface NotificationView {
  id: string;
  type: NotificationType;
  at: string;
  entityType: 'lead' | 'tip';
  entityId: string;
  read: boolean;
}

export interface NotificationPage extends Page<NotificationView> {
  unreadCount: number;
}

/** GET /api/reports/deadlines */
export interface DeadlinesReport {
  asOf: string;
  withinDays: number;
  overdue: number;
  dueSoon: number;
  byWard: { ward: string; overdue: number; dueSoon: number }[];
}
