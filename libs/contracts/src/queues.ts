/**
 * Queue names and job payloads shared by producers and consumers.
 *
 * Renaming a queue strands the jobs already waiting in Redis under the old name: the
 * reconciler re-drives their tips from PostgreSQL, but do it only together with a release note.
 */
export enum QueueName {
  Triage = 'triage',
  Linkage = 'linkage',
  /** Case changes (link, arrest, resolution, reopening) carried to every tip of the case. */
  Outcomes = 'outcomes',
}

/** Every stage job carries only the tip's id and a payload version; never text or identity. */
export interface TipStageJob {
  v: 1;
  tipId: string;
}

/** The case whose outcome must be projected onto its tips; the projection is recomputed whole. */
export interface CaseOutcomeJob {
  v: 1;
  caseId: string;
}

export interface JobPayloads {
  [QueueName.Triage]: TipStageJob;
  [QueueName.Linkage]: TipStageJob;
  [QueueName.Outcomes]: CaseOutcomeJob;
}

export type JobOf<Q extends QueueName> = JobPayloads[Q];

/** BullMQ refuses ':' in custom ids; the id is deterministic so a re-sent job is the same job. */
export function stageJobId(queue: QueueName, tipId: string): string {
  return `${queue}.${tipId}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Narrows an untrusted job payload; throws on anything else (the caller makes it unrecoverable). */
export function parseTipStageJob(data: unknown): TipStageJob {
  if (
    typeof data === 'object' &&
    data !== null &&
    (data as { v?: unknown }).v === 1 &&
    typeof (data as { tipId?: unknown }).tipId === 'string' &&
    UUID_RE.test((data as { tipId: string }).tipId)
  ) {
    return { v: 1, tipId: (data as { tipId: string }).tipId };
  }
  throw new Error('invalid stage job payload');
}

/** Narrows an untrusted outcome payload; throws on anything else. */
export function parseCaseOutcomeJob(data: unknown): CaseOutcomeJob {
  const d = data as { v?: unknown; caseId?: unknown } | null;
  if (d && d.v === 1 && typeof d.caseId === 'string' && UUID_RE.test(d.caseId)) {
    return { v: 1, caseId: d.caseId };
  }
  throw new Error('invalid outcome job payload');
}
