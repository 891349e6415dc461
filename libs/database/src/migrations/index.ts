import { InitialSchema1795831204119 } from './1795831204119-InitialSchema';
import { CaseWork1795835000000 } from './1795835000000-CaseWork';
import { Users1795840000000 } from './1795840000000-Users';
import { AuditAndReporting1795845000000 } from './1795845000000-AuditAndReporting';
import { TipsterProtection1795850000000 } from './1795850000000-TipsterProtection';
import { FunnelCaseCarry1795857000000 } from './1795857000000-FunnelCaseCarry';
import { ClaimQueueIndex1795860000000 } from './1795860000000-ClaimQueueIndex';
import { TrigramArrays1795870000000 } from './1795870000000-TrigramArrays';
import { DuplicatesIndex1795871000000 } from './1795871000000-DuplicatesIndex';
import { FunnelKeyNeighbours1795880000000 } from './1795880000000-FunnelKeyNeighbours';
import { PeopleDecide1795890000000 } from './1795890000000-PeopleDecide';
import { CaseAssignee1795891000000 } from './1795891000000-CaseAssignee';
import { AccountControls1795925000000 } from './1795925000000-AccountControls';
import { Attachments1795937000000 } from './1795937000000-Attachments';
import { DecisionDeadlines1795940000000 } from './1795940000000-DecisionDeadlines';
import { Notifications1795940100000 } from './1795940100000-Notifications';
import { LeanTipIndexes1796000000000 } from './1796000000000-LeanTipIndexes';
import { FunnelHourly1796000100000 } from './1796000100000-FunnelHourly';
import { ClaimRank1796000200000 } from './1796000200000-ClaimRank';
import { FunnelHoursFromFacts1796000370000 } from './1796000370000-FunnelHoursFromFacts';
import { DuplicateSearchRows1796000500000 } from './1796000500000-DuplicateSearchRows';
import { DuplicateSearchCommitOrder1796000600000 } from './1796000600000-DuplicateSearchCommitOrder';
import { NotificationJobsPending1796000700000 } from './1796000700000-NotificationJobsPending';

/** Append-only: a landed migration is never edited; add a new one. */
export const MIGRATIONS = [
  InitialSchema1795831204119,
  CaseWork1795835000000,
  Users1795840000000,
  AuditAndReporting1795845000000,
  TipsterProtection1795850000000,
  FunnelCaseCarry1795857000000,
  ClaimQueueIndex1795860000000,
  TrigramArrays1795870000000,
  DuplicatesIndex1795871000000,
  FunnelKeyNeighbours1795880000000,
  PeopleDecide1795890000000,
  CaseAssignee1795891000000,
  AccountControls1795925000000,
  Attachments1795937000000,
  DecisionDeadlines1795940000000,
  Notifications1795940100000,
  LeanTipIndexes1796000000000,
  FunnelHourly1796000100000,
  ClaimRank1796000200000,
  FunnelHoursFromFacts1796000370000,
  DuplicateSearchRows1796000500000,
  DuplicateSearchCommitOrder1796000600000,
  NotificationJobsPending1796000700000,
];
