import type { CaseKind, Category, Channel, Severity } from '@app/contracts';

/** What a tip really is; the demo strips this before sending and grades the pipeline with it. */
export type TruthKind = 'original' | 'duplicate' | 'spam' | 'vague';

export interface TipTruth {
  kind: TruthKind;
  /** The real-world event the tip reports; null for spam and vague tips. */
  eventId: string | null;
  /** externalRef of the first report of the same event; set only on duplicates. */
  duplicateOf: string | null;
}

/** One item of `POST /api/tips/import` (see CONTRACT.md). */
export interface ImportTip {
  externalRef: string;
  channel: Channel;
  category: Category;
  ward: string;
  description: string;
  occurredAt?: string;
  receivedAt: string;
  location?: { address?: string };
  anonymous: boolean;
  tipster?: { name?: string; phone?: string; email?: string };
}

export interface ScenarioTip extends ImportTip {
  truth: TipTruth;
}

export interface GenerateTipsOptions {
  seed?: number;
  year?: number;
  total?: number;
  /** The district's wards, from config/wards.json. */
  wards: string[];
  /** Appended to generated addresses; defaults to "Quận 4". */
  district?: string;
}

/** What the investigators do with the lead that an original tip (and its duplicates) became. */
export type LeadAction =
  | { action: 'link'; caseKey: string }
  | { action: 'dismiss'; reason: string }
  | { action: 'leave_open' };

export interface PlannedArrest {
  personName: string;
  charge: string;
  arrestedAt: string;
}

export type CaseResolution = 'solved' | 'unfounded';

export interface PlannedCase {
  key: string;
  title: string;
  kind: CaseKind;
  category: Category;
  severity: Severity;
  ward: string;
  occurredAt: string;
  arrests: PlannedArrest[];
  /** null: the case is still open at year end. */
  resolution: CaseResolution | null;
  resolvedAt?: string;
}

export interface YearPlan {
  year: number;
  /** Keyed by the externalRef of the original tip; duplicates follow their original's lead. */
  leads: Record<string, LeadAction>;
  /** Sorted by occurredAt. */
  cases: PlannedCase[];
}

export interface PlanYearOptions {
  seed?: number;
  year?: number;
}

export interface ClearanceFigures {
  occurred: number;
  solved: number;
  /** Percentage with two decimals, e.g. 76.29. */
  clearanceRate: number;
}

/** The report figures, by the contract's definitions (funnel + annual report). */
export interface ScenarioFigures {
  tipsReceived: number;
  tipsDuplicate: number;
  tipsRejected: number;
  tipsLinked: number;
  casesFromTips: number;
  casesResolvedFromTips: number;
  arrestsFromTips: number;
  criminal: ClearanceFigures & { arrests: number; severe: ClearanceFigures };
}
