/** One line of the audit log: who (and in which role) did what to which entity, and how it went. */
export interface AuditEntry {
  /** User id, or a process name such as 'triage' for the pipeline's own steps. */
  actor: string | null;
  role: string | null;
  /** What happened, e.g. 'tip.received', 'lead.claimed', 'tipster.revealed', 'auth.login_failed'. */
  action: string;
  entityType:
    | 'tip'
    | 'lead'
    | 'case'
    | 'user'
    | 'tipster'
    | 'message'
    | 'report'
    | 'notification'
    | 'system'
    | 'attachment';
  entityId: string | null;
  outcome: 'success' | 'denied' | 'failure';
  /** Why, when a person gave a reason (break-glass access, dismissal). */
  reason?: string | null;
  /** Ids and codes only: never tip text, tipster identity or message bodies. */
  detail?: Record<string, unknown>;
}
