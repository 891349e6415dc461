import type { components } from './api-schema';

/**
 * Short names for the API's schemas. Every shape comes from the generated api-schema.d.ts (the
 * OpenAPI document of GET /docs-json); nothing here is written by hand.
 */
type S = components['schemas'];

export type Role = S['Role'];
export type TipStage = S['TipStage'];
/** A ward, category, channel…: the lists GET /api/reference gives (this district's wards). */
export type Ward = S['Ward'];
export type Category = S['Category'];
export type Channel = S['Channel'];
export type Reference = S['Reference'];
export type Bilingual = S['LocalizedText'];
export type ReasonDetail = S['ExplainedReason'];
export type TipView = S['TipView'];
export type TipPage = S['TipPage'];
export type TipAccepted = S['TipAccepted'];
export type Suggestion = S['CaseSuggestion'];
export type LeadView = S['LeadView'];
export type LeadPage = S['LeadPage'];
export type ArrestView = S['Arrest'];
export type CaseView = S['CaseView'];
export type CasePage = S['CasePage'];
export type MessageView = S['TipMessage'] | S['PublicMessage'];
export type Funnel = S['Funnel'];
export type FunnelWard = S['FunnelWard'];
export type AnnualReport = S['AnnualReport'];
export type TraceEvent = S['TraceEvent'];
export type TipTrace = S['TipTrace'];
export type AuditView = S['AuditEntry'];
export type AuditPage = S['AuditPage'];
export type AuditVerification = S['AuditVerification'];
export type QueueHealthView = S['QueueHealthView'];
export type PublicTipView = S['PublicTipView'];
export type PublicStatus = PublicTipView['status'];
export type UserView = S['User'];
export type MeView = S['Me'];
export type LoginResult = S['LoginResult'];
export type MfaEnrolment = S['MfaEnrolment'];
export type NotificationType = S['NotificationType'];
export type NotificationView = S['Notification'];
export type NotificationPage = S['NotificationPage'];
export type DeadlinesReport = S['DeadlinesReport'];
export type AttachmentAdded = S['AttachmentAdded'];
export type AttachmentView = S['Attachment'];
export type FunnelCounts = Omit<FunnelWard, 'ward'>;
