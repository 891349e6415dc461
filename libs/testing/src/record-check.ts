/**
 * Where an accepted tip ends up once the pipeline has done its work (lead_open, duplicate,
 * rejected, or waiting for a person's review), or any later stage people moved it on to.
 */
export const FINAL_STAGES = [
  'needs_review',
  'lead_open',
  'duplicate',
  'rejected',
  'lead_claimed',
  'linked',
  'dismissed',
];

/** Linked tips whose outcome (status, resolution, arrest count) is not yet the case's own. */
const OUTCOME_BEHIND = `SELECT t.id FROM tips t JOIN cases c ON c.id = t.case_id
  WHERE t.case_status IS DISTINCT FROM c.status OR t.case_resolution IS DISTINCT FROM c.resolution
     OR t.arrests <> (SELECT count(*)::int FROM arrests a WHERE a.case_id = c.id)`;

/** Steps that happen once in a tip's life, however often their job is delivered. */
export const ONCE_EVENTS = [
  'received',
  'triaged',
  'duplicate_detected',
  'lead_opened',
  'lead_joined',
];

/** A pg Client or Pool. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RecordCheck {
  lost: number;
  duplicated: number;
  unexpected: number;
  /** What was found, per kind, for the failure message. */
  details: {
    missing: string[];
    wrongId: string[];
    unsettled: { id: string; stage: string }[];
    leadOpenWithoutLead: string[];
    outcomeBehind: string[];
    duplicateLeads: string[];
    duplicateKeys: string[];
    duplicateEvents: { tip_id: string; type: string; n: number }[];
    duplicateAudit: { entity_id: string; action: string; n: number }[];
    duplicateArrests: { case_id: string; idempotency_key: string; n: number }[];
    duplicateOutcomeEvents: { tip_id: string; dedupe_key: string; n: number }[];
    unacknowledged: string[];
  };
}

/**
 * Checks the record against what clients were told. `acked` maps each Idempotency-Key that got a
 * 2xx to the tip id it was answered with; the database must hold only this run's tips.
 * - lost: acknowledged but missing, stored under another id, or never reaching a final stage;
 * - duplicated: two leads for one tip, one key stored twice, a once-only event or its audit entry
 *   twice, an arrest or an outcome event twice;
 * - unexpected: a stored tip that no client was acknowledged for.
 */
export async function checkRecord(db: Queryable, acked: Map<string, string>): Promise<RecordCheck> {
  const ids = [...new Set(acked.values())];
  const stored = await db.query(`SELECT id, idempotency_key, stage FROM tips`);
  const byId = new Map<string, { idempotency_key: string | null; stage: string }>();
  for (const r of stored.rows) byId.set(r.id, r);
  const idOfKey = new Map<string, string>();
  for (const r of stored.rows) if (r.idempotency_key) idOfKey.set(r.idempotency_key, r.id);

  const missing = ids.filter((id) => !byId.has(id));
  const wrongId = [...acked].filter(([k, id]) => idOfKey.get(k) !== id).map(([k]) => k);
  const unsettled = ids
    .filter((id) => byId.has(id) && !FINAL_STAGES.includes(byId.get(id)!.stage))
    .map((id) => ({ id, stage: byId.get(id)!.stage }));
  const ackedIds = new Set(ids);
  const unacknowledged = stored.rows.map((r) => r.id as string).filter((id) => !ackedIds.has(id));

  const leadOpenWithoutLead = (
    await db.query(
      `SELECT t.id FROM tips t WHERE t.stage = 'lead_open'
         AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.origin_tip_id = t.id)`,
    )
  ).rows.map((r) => r.id as string);
  const outcomeBehind = (await db.query(OUTCOME_BEHIND)).rows.map((r) => r.id as string);
  const duplicateLeads = (
    await db.query(`SELECT origin_tip_id FROM leads GROUP BY origin_tip_id HAVING count(*) > 1`)
  ).rows.map((r) => r.origin_tip_id as string);
  const duplicateKeys = (
    await db.query(
      `SELECT idempotency_key FROM tips WHERE idempotency_key IS NOT NULL
       GROUP BY idempotency_key HAVING count(*) > 1`,
    )
  ).rows.map((r) => r.idempotency_key as string);
  const duplicateEvents = (
    await db.query(
      `SELECT tip_id, type, count(*)::int AS n FROM tip_events WHERE type = ANY($1)
       GROUP BY tip_id, type HAVING count(*) > 1`,
      [ONCE_EVENTS],
    )
  ).rows;
  const duplicateAudit = (
    await db.query(
      `SELECT entity_id, action, count(*)::int AS n FROM audit_log
       WHERE entity_type = 'tip' AND action = ANY($1)
       GROUP BY entity_id, action HAVING count(*) > 1`,
      [ONCE_EVENTS.map((e) => `tip.${e}`)],
    )
  ).rows;
  const duplicateArrests = (
    await db.query(
      `SELECT case_id, idempotency_key, count(*)::int AS n FROM arrests
       WHERE idempotency_key IS NOT NULL GROUP BY case_id, idempotency_key HAVING count(*) > 1`,
    )
  ).rows;
  const duplicateOutcomeEvents = (
    await db.query(
      `SELECT tip_id, dedupe_key, count(*)::int AS n FROM tip_events WHERE dedupe_key IS NOT NULL
       GROUP BY tip_id, dedupe_key HAVING count(*) > 1`,
    )
  ).rows;

  const lost = new Set([
    ...missing,
    ...wrongId.map((k) => acked.get(k)!),
    ...unsettled.map((u) => u.id),
    ...leadOpenWithoutLead,
    ...outcomeBehind,
  ]).size;
  const duplicated =
    duplicateLeads.length +
    duplicateKeys.length +
    duplicateEvents.length +
    duplicateAudit.length +
    duplicateArrests.length +
    duplicateOutcomeEvents.length;
  return {
    lost,
    duplicated,
    unexpected: unacknowledged.length,
    details: {
      missing,
      wrongId,
      unsettled,
      leadOpenWithoutLead,
      outcomeBehind,
      duplicateLeads,
      duplicateKeys,
      duplicateEvents,
      duplicateAudit,
      duplicateArrests,
      duplicateOutcomeEvents,
      unacknowledged,
    },
  };
}

/**
 * Waits until every tip in `ids` has reached a final stage, or `timeoutMs` has passed (database
 * errors, e.g. during a restart, count as "not yet"). Returns when it settled (epoch ms) or null.
 */
export async function waitUntilSettled(
  db: Queryable,
  ids: string[],
  timeoutMs: number,
  intervalMs = 250,
): Promise<{ settledAt: number | null; pending: { stage: string; n: number }[] }> {
  const deadline = Date.now() + timeoutMs;
  let pending: { stage: string; n: number }[] = [];
  for (;;) {
    try {
      const r = await db.query(
        `SELECT stage, count(*)::int AS n FROM tips WHERE id = ANY($1) AND NOT (stage = ANY($2))
         GROUP BY stage`,
        [ids, FINAL_STAGES],
      );
      const present = await db.query(`SELECT count(*)::int AS n FROM tips WHERE id = ANY($1)`, [
        ids,
      ]);
      pending = r.rows;
      const absent = ids.length - (present.rows[0].n as number);
      if (absent > 0) pending = [...pending, { stage: 'missing', n: absent }];
      const behind = await db.query(`SELECT count(*)::int AS n FROM (${OUTCOME_BEHIND}) b`);
      if (behind.rows[0].n > 0)
        pending = [...pending, { stage: 'outcome behind', n: behind.rows[0].n }];
      if (pending.length === 0) return { settledAt: Date.now(), pending };
    } catch {
      // database not answering yet
    }
    if (Date.now() > deadline) return { settledAt: null, pending };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A short account of a failed check, for assertion messages. */
export function describeCheck(c: RecordCheck): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(c.details)) {
    if (Array.isArray(v) && v.length > 0) {
      parts.push(`${k}: ${v.length} (e.g. ${JSON.stringify(v.slice(0, 3))})`);
    }
  }
  return parts.join('; ') || 'clean';
}
