/**
 * Queue names and job payloads shared by producers and consumers.
 *
 * Renaming a queue strands the jobs already waiting in Redis under the old name: the
 * reconciler re-drives their tips from PostgreSQL, but do it only together with a release note.
 */
export enum QueueName {
  Triage = 'triage',
  Linkage = 'linkage',
}

/** Every stage job carries only the tip's id and a payload version; never text or identity. */
export interface TipStageJob {
  v: 1;
  tipId: string;
}

export interface JobPayloads {
  [QueueName.Triage]: TipStageJob;
  [QueueName.Linkage]: TipStageJob;
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
