import type { AuditVerification, AuditView } from '@app/audit';
import type { LoginResult, UserView } from '@app/auth';
import type { ArrestView, CaseView } from '@app/cases';
import type { ExplainedReason, ReasonText } from '@app/contracts';
import type { LeadView, WorkLeadService } from '@app/leads';
import type { AnnualReport, DeadlinesReport, Funnel } from '@app/reports';
import type { NotificationPage, NotificationView } from '@app/notifications';
import type { LegalHoldView } from '@app/retention';
import type {
  PublicTipAccepted,
  PublicTipView,
  TipAccepted,
  TipIntakeService,
  TipMessageView,
  TipPage,
  TipsterIdentity,
  TipTrace,
  TipView,
} from '@app/tips';
import type { QueueHealthView } from '../../ops/queue-health.service';
import type { AuditPageSchema, AuditVerificationSchema } from './audit.schemas';
import type { LoginResultSchema, UserSchema } from './account.schemas';
import type { ArrestSchema, CasePageSchema, CaseViewSchema, LegalHoldSchema } from './case.schemas';
import type { ExplainedReasonSchema, LocalizedTextSchema } from './common.schemas';
import type { LeadLinkedSchema, LeadPageSchema, LeadViewSchema } from './lead.schemas';
import type { NotificationPageSchema, NotificationSchema } from './notification.schemas';
import type { QueueHealthViewSchema } from './operations.schemas';
import type { AnnualReportSchema, DeadlinesReportSchema, FunnelSchema } from './report.schemas';
import type {
  PublicTipAcceptedSchema,
  PublicTipViewSchema,
  TipAcceptedSchema,
  TipImportedSchema,
  TipMessageSchema,
  TipPageSchema,
  TipsterIdentitySchema,
  TipTraceSchema,
  TipViewSchema,
} from './tip.schemas';

/** True when A and B are the same type: each assignable to the other, optional fields alike. */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [Required<A>] extends [Required<B>]
      ? true
      : false
    : false
  : false;
type Resolved<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/**
 * The documented responses are the views the services return: a field added to a view and not to
 * its schema (or the reverse, or a different type) fails `tsc` here, before any client sees it.
 */
const SAME_SHAPE: true[] = [
  true satisfies Same<LocalizedTextSchema, ReasonText>,
  true satisfies Same<ExplainedReasonSchema, ExplainedReason>,
  true satisfies Same<TipViewSchema, TipView>,
  true satisfies Same<TipAcceptedSchema, TipAccepted>,
  true satisfies Same<TipPageSchema, TipPage>,
  true satisfies Same<TipTraceSchema, TipTrace>,
  true satisfies Same<TipImportedSchema, Resolved<TipIntakeService['importTips']>>,
  true satisfies Same<TipMessageSchema, TipMessageView>,
  true satisfies Same<TipsterIdentitySchema, TipsterIdentity>,
  true satisfies Same<PublicTipAcceptedSchema, PublicTipAccepted>,
  true satisfies Same<PublicTipViewSchema, PublicTipView>,
  true satisfies Same<LeadViewSchema, LeadView>,
  true satisfies Same<LeadPageSchema, Resolved<WorkLeadService['list']>>,
  true satisfies Same<LeadLinkedSchema, Resolved<WorkLeadService['link']>>,
  true satisfies Same<CaseViewSchema, CaseView>,
  true satisfies Same<ArrestSchema, ArrestView>,
  true satisfies Same<CasePageSchema, { items: CaseView[]; nextCursor: string | null }>,
  true satisfies Same<LegalHoldSchema, LegalHoldView>,
  true satisfies Same<FunnelSchema, Funnel>,
  true satisfies Same<DeadlinesReportSchema, DeadlinesReport>,
  true satisfies Same<AnnualReportSchema, AnnualReport>,
  true satisfies Same<AuditPageSchema, { items: AuditView[]; nextCursor: string | null }>,
  true satisfies Same<AuditVerificationSchema, AuditVerification>,
  true satisfies Same<LoginResultSchema, LoginResult>,
  true satisfies Same<UserSchema, UserView>,
  true satisfies Same<QueueHealthViewSchema, QueueHealthView>,
  true satisfies Same<NotificationSchema, NotificationView>,
  true satisfies Same<NotificationPageSchema, NotificationPage>,
];

describe('response schemas', () => {
  it('have the shape of the views the services return (checked by tsc)', () => {
    expect(SAME_SHAPE.every(Boolean)).toBe(true);
  });
});
