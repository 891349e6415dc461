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
  /** Events the pipeline recorded, turned into notifications for the people concerned. */
  Notifications = 'notifications',
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

/** What a notification tells; fixed names (clients and the console read them). */
export const NOTIFICATION_TYPES = [
  'urgent_lead',
  'urgent_unclaimed',
  'tipster_replied',
  'lead_reopened',
  'deadline_near',
  'deadline_missed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What a notification of each type points at. */
export const NOTIFICATION_ENTITY: Record<NotificationType, 'lead' | 'tip'> = {
  urgent_lead: 'lead',
  urgent_unclaimed: 'lead',
  tipster_replied: 'tip',
  lead_reopened: 'lead',
  deadline_near: 'tip',
  deadline_missed: 'tip',
};

/**
 * An event to notify about: its type, the lead or tip, and `ref`, what makes this occurrence
 * unique (the tipster's message id, the tip that reopened a lead, a deadline or opening as epoch
 * milliseconds). Ids and numbers only, never text. Each (event, recipient) is notified once.
 */
export interface NotificationJob {
  v: 1;
  type: NotificationType;
  entityId: string;
  ref: string;
}

export interface JobPayloads {
  [QueueName.Triage]: TipStageJob;
  [QueueName.Linkage]: TipStageJob;
  [QueueName.Outcomes]: CaseOutcomeJob;
  [QueueName.Notifications]: NotificationJob;
}

export type JobOf<Q extends QueueName> = JobPayloads[Q];

/** The queues whose jobs each drive one tip on to its next stage. */
export type StageQueue = QueueName.Triage | QueueName.Linkage;

/**
 * What names one job of each queue: a tip's stage job per tip; an outcome job per case event, so
 * each case change is one job. The same key always gives the same job id, so a re-sent job (the
 * outbox relay after a crash, the reconciler) is the same job, and BullMQ keeps one.
 */
export interface JobKeys {
  [QueueName.Triage]: [tipId: string];
  [QueueName.Linkage]: [tipId: string];
  [QueueName.Outcomes]: [caseId: string, caseEventId: string];
  /** One job per notified event (the unique key of its notifications). */
  [QueueName.Notifications]: [type: NotificationType, entityId: string, ref: string];
}

/** One job ready for its queue: the payload the queue takes and its deterministic id. */
export interface QueueJob<Q extends QueueName> {
  readonly queue: Q;
  readonly id: string;
  readonly data: JobOf<Q>;
}

/** BullMQ refuses ':' in custom ids. */
const JOB_ID_SEPARATOR = '.';

/** The one job-id function: `<queue>.<key parts>`, e.g. `triage.<tipId>`, `outcomes.<caseId>.<eventId>`. */
export function jobId<Q extends QueueName>(queue: Q, ...key: JobKeys[Q]): string {
  return [queue, ...key].join(JOB_ID_SEPARATOR);
}

/**
 * The same id computed by PostgreSQL from SQL expressions of the key parts (for checks against
 * the outbox and dead_letters inside a query); it must give exactly what `jobId` gives.
 */
export function jobIdSql<Q extends QueueName>(queue: Q, ...key: JobKeys[Q]): string {
  const parts = (key as string[]).map((expr) => `(${expr})::text`);
  return `('${queue}${JOB_ID_SEPARATOR}' || ${parts.join(` || '${JOB_ID_SEPARATOR}' || `)})`;
}

/** The payload of each queue, built from its key (ids and a version only). */
const PAYLOADS: { [Q in QueueName]: (...key: JobKeys[Q]) => JobOf<Q> } = {
  [QueueName.Triage]: (tipId) => ({ v: 1, tipId }),
  [QueueName.Linkage]: (tipId) => ({ v: 1, tipId }),
  [QueueName.Outcomes]: (caseId) => ({ v: 1, caseId }),
  [QueueName.Notifications]: (type, entityId, ref) => ({ v: 1, type, entityId, ref }),
};

/**
 * The one way to make a job for a queue: its payload and id both come from the key, so a payload
 * of the wrong shape for the queue, or a key missing a part, does not compile.
 */
export function jobOf<Q extends QueueName>(queue: Q, ...key: JobKeys[Q]): QueueJob<Q> {
  const payload = PAYLOADS[queue] as (...k: JobKeys[Q]) => JobOf<Q>;
  return { queue, id: jobId(queue, ...key), data: payload(...key) };
}

/** How many key parts each queue's job id carries after its queue name. */
const KEY_PARTS: Record<QueueName, number> = {
  [QueueName.Triage]: 1,
  [QueueName.Linkage]: 1,
  [QueueName.Outcomes]: 2,
  [QueueName.Notifications]: 3,
};

/**
 * The job a job id names (`jobId` read back: the key parts are ids and numbers, never a dot), its
 * payload checked as the queue's workers check it; null for an id that is no job of a queue.
 * A dead letter keeps the job's id, not its payload: this is how it is sent again.
 */
export function jobFromId(id: string): QueueJob<QueueName> | null {
  const [queue, ...key] = id.split(JOB_ID_SEPARATOR);
  if (!isQueueName(queue) || key.length !== KEY_PARTS[queue]) return null;
  const job = jobOf(queue, ...(key as JobKeys[typeof queue]));
  try {
    parseJob(queue, job.data);
  } catch {
    return null;
  }
  // The outcomes key's event id is not in the payload: it must be a case event's (bigint) id.
  if (queue === QueueName.Outcomes && !/^[1-9][0-9]{0,18}$/.test(key[1])) return null;
  return job.id === id ? job : null;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Narrows an untrusted job payload; throws on anything else (the caller makes it unrecoverable). */
function parseTipStageJob(data: unknown): TipStageJob {
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
function parseCaseOutcomeJob(data: unknown): CaseOutcomeJob {
  const d = data as { v?: unknown; caseId?: unknown } | null;
  if (d && d.v === 1 && typeof d.caseId === 'string' && UUID_RE.test(d.caseId)) {
    return { v: 1, caseId: d.caseId };
  }
  throw new Error('invalid outcome job payload');
}

/** The key naming one notified event: the job id (dots, as BullMQ wants) and the unique key. */
export function notificationKey(job: NotificationJob): string {
  return jobId(QueueName.Notifications, job.type, job.entityId, job.ref);
}

const REF_RE = /^[0-9a-f-]{1,64}$/i;

/** Narrows an untrusted notification payload; throws on anything else. */
function parseNotificationJob(data: unknown): NotificationJob {
  const d = data as { v?: unknown; type?: unknown; entityId?: unknown; ref?: unknown } | null;
  if (
    d &&
    d.v === 1 &&
    typeof d.type === 'string' &&
    (NOTIFICATION_TYPES as readonly string[]).includes(d.type) &&
    typeof d.entityId === 'string' &&
    UUID_RE.test(d.entityId) &&
    typeof d.ref === 'string' &&
    REF_RE.test(d.ref)
  ) {
    return { v: 1, type: d.type as NotificationType, entityId: d.entityId, ref: d.ref };
  }
  throw new Error('invalid notification job payload');
}

const PARSERS: { [Q in QueueName]: (data: unknown) => JobOf<Q> } = {
  [QueueName.Triage]: parseTipStageJob,
  [QueueName.Linkage]: parseTipStageJob,
  [QueueName.Outcomes]: parseCaseOutcomeJob,
  [QueueName.Notifications]: parseNotificationJob,
};

export function isQueueName(name: string): name is QueueName {
  return (Object.values(QueueName) as string[]).includes(name);
}

/** Narrows untrusted data read back for `queue` (the outbox) to its payload; throws otherwise. */
export function parseJob<Q extends QueueName>(queue: Q, data: unknown): JobOf<Q> {
  return (PARSERS[queue] as (d: unknown) => JobOf<Q>)(data);
}
