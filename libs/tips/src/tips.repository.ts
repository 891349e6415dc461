import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, storable } from '@app/audit';
import type { Reason, TipStage } from '@app/contracts';
import { SqlBatch, SqlWhere } from '@app/database';
import { REFERENCE_ATTEMPTS, withNewReference } from './reference';

/** Columns of a new tip, ready to insert. */
export interface NewTipRow {
  id: string;
  reference: string;
  channel: string;
  category: string;
  ward: string;
  description: string;
  occurredAt: string | null;
  receivedAt: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  anonymous: boolean;
  hasContact: boolean;
  tipsterCipher: Buffer | null;
  tipsterKeyId: string | null;
  imported: boolean;
  externalRef: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  submittedBy: string | null;
}

export interface TipRow {
  id: string;
  reference: string;
  stage: TipStage;
  channel: string;
  category: string;
  ward: string;
  description: string;
  occurred_at: Date | null;
  received_at: Date;
  location_address: string | null;
  location_lat: number | null;
  location_lng: number | null;
  anonymous: boolean;
  has_contact: boolean;
  imported: boolean;
  external_ref: string | null;
  priority: number | null;
  triage_reasons: (string | (Reason & { text?: string }))[] | null;
  urgent: boolean;
  review_reason: string | null;
  duplicate_of: string | null;
  rejected_reason: string | null;
  lead_id: string | null;
  triaged_at: Date | null;
  lead_open_at: Date | null;
  claimed_at: Date | null;
  linked_at: Date | null;
  dismissed_at: Date | null;
  decision_due_at: Date | null;
  decision_extensions: number;
  case_id: string | null;
  case_status: string | null;
  case_resolution: string | null;
  arrests: number;
  /** The operator who took the tip (not shown: it decides an operator's need-to-know). */
  submitted_by: string | null;
  attachment_count: number;
}

export interface TipFilter {
  stage?: string;
  ward?: string;
  category?: string;
  channel?: string;
  from?: string;
  to?: string;
  reference?: string;
  submittedBy?: string;
  /** true: only tips past their deadline and not decided; false: only the others. */
  overdue?: boolean;
  /** An operator's need-to-know: the tips this username took, and the tips waiting for review. */
  visibleTo?: string;
  after?: { receivedAt: string; id: string };
  /** Oldest first instead of newest first. */
  ascending?: boolean;
  limit: number;
}

/** Actors that are the pipeline's own processes rather than people. */
const PIPELINE = new Set(['triage', 'linkage', 'outcomes', 'relay']);

const COLUMNS = `id, reference, channel, category, ward, description, occurred_at, received_at,
  location_address, location_lat, location_lng, anonymous, has_contact, tipster_cipher,
  tipster_key_id, imported, external_ref, idempotency_key, request_hash, submitted_by`;

const VIEW_SELECT = `SELECT t.id, t.reference, t.stage, t.channel, t.category, t.ward, t.description,
  t.occurred_at, t.received_at, t.location_address, t.location_lat, t.location_lng, t.anonymous,
  t.has_contact, t.imported, t.external_ref, t.priority, t.triage_reasons, t.duplicate_of,
  t.rejected_reason, t.urgent, t.review_reason, t.lead_id, t.triaged_at, t.lead_open_at, t.claimed_at, t.linked_at,
  t.dismissed_at, t.decision_due_at, t.decision_extensions, t.case_id, t.case_status,
  t.case_resolution, t.arrests, t.submitted_by,
  (SELECT count(*)::int FROM attachments a WHERE a.tip_id = t.id) AS attachment_count
  FROM tips t`;

/** The stages of a tip on a lead still waiting for a decision (not linked, not dismissed). */
export const UNDECIDED_STAGES = ['duplicate', 'lead_open', 'lead_claimed'] as const;

/** SQL: the tip (alias t) is past its deadline and not decided; matches tips_decision_due_idx. */
export const OVERDUE_SQL = `(t.decision_due_at < now() AND t.stage IN ('duplicate', 'lead_open', 'lead_claimed'))`;

function rowValues(r: NewTipRow): unknown[] {
  return [
    r.id,
    r.reference,
    r.channel,
    r.category,
    r.ward,
    r.description,
    r.occurredAt,
    r.receivedAt,
    r.address,
    r.lat,
    r.lng,
    r.anonymous,
    r.hasContact,
    r.tipsterCipher,
    r.tipsterKeyId,
    r.imported,
    r.externalRef,
    r.idempotencyKey,
    r.requestHash,
    r.submittedBy,
  ];
}

/** One entry of a tip's trail (tip_events), audited as `tip.<type>`. */
export interface TipEventInput {
  tipId: string;
  type: string;
  actor: string | null;
  role?: string | null;
  detail?: Record<string, unknown>;
  at?: string;
}

@Injectable()
export class TipsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Adds the tips' INSERT to `batch`, one row per tip, each skipped if its idempotency key was
   * used (also by an earlier row of the same statement) or its reference is taken (the caller
   * tells the two apart: insertDrawingAgain); returns the name under which the batch
   * reads the ids of the tips it created.
   */
  insertOnceTo(
    batch: SqlBatch,
    tips: { row: NewTipRow; followUp?: { lookup: string; hash: string } }[],
  ): string {
    const tuples = tips.map(({ row, followUp }) => {
      const values = rowValues(row).map((v) => batch.param(v));
      // received_at (8th) defaults to now().
      values[7] = `COALESCE(${values[7]}::timestamptz, now())`;
      return `(${values.join(', ')}, ${batch.param(followUp?.lookup ?? null)},
               ${batch.param(followUp?.hash ?? null)}, 'received')`;
    });
    return batch.add(
      `INSERT INTO tips (${COLUMNS}, follow_up_lookup, follow_up_hash, stage)
       VALUES ${tuples.join(',\n')}
       ON CONFLICT DO NOTHING RETURNING id`,
      'created_tip',
    );
  }

  /**
   * Inserts historical records, skipping any externalRef already imported (also by an earlier
   * record of the same call); answers externalRef → id of those it created. A record whose
   * reference is taken is inserted again with a new one.
   */
  async insertImported(manager: EntityManager, rows: NewTipRow[]): Promise<Map<string, string>> {
    const created = new Map<string, string>();
    // The first record of an externalRef is the one imported, even if it must draw again.
    const firsts = new Map<string, NewTipRow>();
    for (const r of rows) if (!firsts.has(r.externalRef!)) firsts.set(r.externalRef!, r);
    // Imported rows bring no follow-up code: none may be left unplaced (insertDrawingAgain throws).
    const { existing } = await this.insertDrawingAgain(
      manager,
      [...firsts.values()],
      'external_ref',
      async (todo) => {
        const skipped: NewTipRow[] = [];
        // One statement per chunk keeps the parameter count under PostgreSQL's 65,535.
        for (let i = 0; i < todo.length; i += 500) {
          const chunk = todo.slice(i, i + 500);
          const params: unknown[] = [];
          const tuples = chunk.map((r) => {
            const base = params.length;
            params.push(...rowValues(r));
            return `(${Array.from({ length: 20 }, (_, k) => `$${base + k + 1}`).join(',')}, 'received')`;
          });
          const inserted: { id: string; external_ref: string }[] = await manager.query(
            `INSERT INTO tips (${COLUMNS}, stage) VALUES ${tuples.join(',')}
           ON CONFLICT DO NOTHING RETURNING id, external_ref`,
            params,
          );
          for (const r of inserted) created.set(r.external_ref, r.id);
          skipped.push(...chunk.filter((r) => !created.has(r.externalRef!)));
        }
        return skipped;
      },
    );
    for (const r of existing) created.set(r.externalRef!, r.id);
    return created;
  }

  /**
   * Runs `insert` (an `ON CONFLICT DO NOTHING` insert of `rows`, answering those it skipped)
   * until each row is in or was skipped for its key (`column`, held by another tip). A row whose
   * reference another tip holds, a random draw of its year, is drawn a new one and inserted
   * again, at most REFERENCE_ATTEMPTS times in all. Answers the rows skipped for neither
   * (`unplaced`): the only other unique column a row brings is its follow-up code's lookup (drawn
   * at random too), which only the caller can draw again (`drawsItsCode`; such a row of any other
   * is an error); and the rows found already in under
   * their own id (`existing`, with the reference they were stored with): an earlier run of the
   * same rows committed them (intake's statements commit one by one, and a group that failed
   * part-way is run again tip by tip).
   */
  async insertDrawingAgain(
    manager: EntityManager,
    rows: NewTipRow[],
    column: 'external_ref' | 'idempotency_key',
    insert: (rows: NewTipRow[]) => Promise<NewTipRow[]>,
    drawsItsCode: (row: NewTipRow) => boolean = () => false,
  ): Promise<{ unplaced: NewTipRow[]; existing: NewTipRow[] }> {
    const key = (r: NewTipRow) => (column === 'external_ref' ? r.externalRef : r.idempotencyKey);
    const unplaced: NewTipRow[] = [];
    const existing: NewTipRow[] = [];
    let todo = rows;
    for (let attempt = 1; todo.length > 0; attempt++) {
      const skipped = await insert(todo);
      if (skipped.length === 0) break;
      const held = await manager.query<{ kind: string; v: string; ref: string | null }[]>(
        `SELECT 'key' AS kind, ${column} AS v, NULL AS ref FROM tips WHERE ${column} = ANY($1::text[])
         UNION ALL
         SELECT 'ref', reference, NULL FROM tips WHERE reference = ANY($2::text[])
         UNION ALL
         SELECT 'id', id::text, reference FROM tips WHERE id = ANY($3::uuid[])`,
        [
          skipped.map(key).filter((k) => k !== null),
          skipped.map((r) => r.reference),
          skipped.map((r) => r.id),
        ],
      );
      const of = (kind: string) =>
        new Map(held.filter((h) => h.kind === kind).map((h) => [h.v, h.ref]));
      const [keys, references, ids] = [of('key'), of('ref'), of('id')];
      todo = [];
      for (const r of skipped) {
        const k = key(r);
        if (ids.has(r.id)) {
          r.reference = ids.get(r.id)!;
          existing.push(r);
        } else if (k !== null && keys.has(k)) continue;
        else if (references.has(r.reference)) todo.push(r);
        else unplaced.push(r);
      }
      if (todo.length > 0 && attempt >= REFERENCE_ATTEMPTS)
        throw new Error(`${todo.length} tips found their references taken ${attempt} times`);
      todo.forEach(withNewReference);
    }
    // Only a row whose caller draws its follow-up code may be left for the caller.
    if (unplaced.some((r) => !drawsItsCode(r)))
      throw new Error('a tip was not inserted, and neither its key nor its reference is held');
    return { unplaced, existing };
  }

  async findByIdempotencyKey(
    manager: EntityManager,
    key: string,
  ): Promise<{
    id: string;
    reference: string;
    request_hash: string | null;
    follow_up_lookup: string | null;
  } | null> {
    const rows: {
      id: string;
      reference: string;
      request_hash: string | null;
      follow_up_lookup: string | null;
    }[] = await manager.query(
      `SELECT id, reference, request_hash, follow_up_lookup FROM tips WHERE idempotency_key = $1`,
      [key],
    );
    return rows[0] ?? null;
  }

  async findView(id: string): Promise<TipRow | null> {
    const rows: TipRow[] = await this.dataSource.query(`${VIEW_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listViews(f: TipFilter): Promise<TipRow[]> {
    const w = new SqlWhere();
    if (f.stage) w.add('t.stage = ?', f.stage);
    if (f.ward) w.add('t.ward = ?', f.ward);
    if (f.category) w.add('t.category = ?', f.category);
    if (f.channel) w.add('t.channel = ?', f.channel);
    if (f.from) w.add('t.received_at >= ?', f.from);
    if (f.to) w.add('t.received_at < ?', f.to);
    if (f.reference) w.add('t.reference = ?', f.reference);
    if (f.submittedBy) w.add('t.submitted_by = ?', f.submittedBy);
    if (f.overdue !== undefined)
      w.and(f.overdue ? OVERDUE_SQL : `NOT COALESCE(${OVERDUE_SQL}, false)`);
    if (f.visibleTo !== undefined) {
      w.add(`(t.submitted_by = ? OR t.stage = 'needs_review')`, f.visibleTo);
    }
    const dir = f.ascending ? 'ASC' : 'DESC';
    if (f.after) {
      w.and(
        `(t.received_at, t.id) ${f.ascending ? '>' : '<'} (${w.param(f.after.receivedAt)}::timestamptz, ${w.param(f.after.id)}::uuid)`,
      );
    }
    return this.dataSource.query(
      `${VIEW_SELECT} ${w.clause}
       ORDER BY t.received_at ${dir}, t.id ${dir} LIMIT ${w.param(f.limit)}`,
      w.params,
    );
  }

  /** The tip's deadline, locked for the caller's transaction; null for an unknown tip. */
  async lockDeadline(
    manager: EntityManager,
    tipId: string,
  ): Promise<{
    stage: TipStage;
    submitted_by: string | null;
    decision_due_at: Date | null;
    decision_extensions: number;
  } | null> {
    const rows: {
      stage: TipStage;
      submitted_by: string | null;
      decision_due_at: Date | null;
      decision_extensions: number;
    }[] = await manager.query(
      `SELECT stage, submitted_by, decision_due_at, decision_extensions FROM tips
       WHERE id = $1 FOR UPDATE`,
      [tipId],
    );
    return rows[0] ?? null;
  }

  /** Moves the tip's deadline to `due` (one more extension), with its trail entry and audit. */
  async extendDeadline(
    manager: EntityManager,
    tipId: string,
    due: Date,
    event: { actor: string; role: string; detail: Record<string, unknown> },
  ): Promise<void> {
    const batch = new SqlBatch();
    const p = (v: unknown) => batch.param(v);
    batch.add(
      `UPDATE tips SET decision_due_at = ${p(due.toISOString())}::timestamptz,
         decision_extensions = decision_extensions + 1
       WHERE id = ${p(tipId)}::uuid`,
    );
    this.addEventsTo(batch, [{ tipId, type: 'deadline_extended', ...event }]);
    await batch.run(manager);
  }

  /** When an imported tip entered TipTrace (the row's creation); null for a tip taken live. */
  async importedAt(tipId: string): Promise<Date | null> {
    const rows: { created_at: Date }[] = await this.dataSource.query(
      `SELECT created_at FROM tips WHERE id = $1 AND imported`,
      [tipId],
    );
    return rows[0]?.created_at ?? null;
  }

  async events(
    tipId: string,
  ): Promise<{ at: Date; type: string; actor: string | null; detail: Record<string, unknown> }[]> {
    return this.dataSource.query(
      `SELECT at, type, actor, detail FROM tip_events WHERE tip_id = $1 ORDER BY at, id`,
      [tipId],
    );
  }

  /**
   * Adds to `batch` one event of the same type, actor and detail for every tip id that `ids`
   * (a query, e.g. the RETURNING rows of an UPDATE in the batch, column `id`) yields, each with
   * its audit entry. `moreDetail`, an SQL jsonb expression, adds to the detail what only the
   * statement knows (e.g. the id of a lead it picks).
   */
  addEventsForTo(
    batch: SqlBatch,
    ids: string,
    event: Omit<TipEventInput, 'tipId' | 'at'>,
    moreDetail?: string,
  ): void {
    const e = storable(event);
    const role = e.role ?? (e.actor && PIPELINE.has(e.actor) ? 'system' : null);
    const type = batch.param(e.type);
    const actor = batch.param(e.actor);
    const param = batch.param(JSON.stringify(e.detail ?? {}));
    const detail = moreDetail ? `(${param}::jsonb || ${moreDetail})` : param;
    this.audit.appendFromTo(
      batch,
      `SELECT ${actor}::text AS actor, ${batch.param(role)}::text AS role,
         'tip.' || ${type}::text AS action, 'tip' AS entity_type, s.id::text AS entity_id,
         'success' AS outcome, NULL::text AS reason, ${detail}::jsonb AS detail
       FROM (${ids}) AS s`,
    );
    batch.add(
      `INSERT INTO tip_events (tip_id, type, actor, detail, at)
       SELECT s.id, ${type}::text, ${actor}::text, ${detail}::jsonb, now() FROM (${ids}) AS s`,
    );
  }

  /**
   * Adds to `batch` one event of type `type` for every row `rows` (a query of the batch) yields,
   * each with its audit entry: columns `id` (the tip), `actor`, `role` and `detail` (jsonb), so
   * one statement can record steps of several people (claims taken together, each by its own
   * claimer). The query's text values come from the caller's parameters, made storable.
   */
  addEventsFromTo(batch: SqlBatch, rows: string, type: string): void {
    const t = batch.param(type);
    this.audit.appendFromTo(
      batch,
      `SELECT s.actor::text AS actor, s.role::text AS role, 'tip.' || ${t}::text AS action,
         'tip' AS entity_type, s.id::text AS entity_id, 'success' AS outcome, NULL::text AS reason,
         s.detail::jsonb AS detail
       FROM (${rows}) AS s`,
    );
    batch.add(
      `INSERT INTO tip_events (tip_id, type, actor, detail, at)
       SELECT s.id, ${t}::text, s.actor::text, s.detail::jsonb, now() FROM (${rows}) AS s`,
    );
  }

  /**
   * Appends steps of tips' paths, in the caller's transaction, each with its audit entry: every
   * transition of a tip is timestamped on the tip and written to the audit log together.
   */
  async addEvents(manager: EntityManager, events: TipEventInput[]): Promise<void> {
    const batch = new SqlBatch();
    this.addEventsTo(batch, events);
    await batch.run(manager);
  }

  /**
   * Adds the events (and their audit entries) to `batch`, to be written in one statement with
   * the change they record; `when` (SQL) writes them only if it holds.
   */
  addEventsTo(batch: SqlBatch, events: TipEventInput[], when?: string): void {
    if (events.length === 0) return;
    this.audit.appendTo(
      batch,
      events.map((e) => ({
        actor: e.actor,
        role: e.role ?? (e.actor && PIPELINE.has(e.actor) ? 'system' : null),
        action: `tip.${e.type}`,
        entityType: 'tip',
        entityId: e.tipId,
        outcome: 'success',
        detail: e.detail,
      })),
      when,
    );
    const p = (values: unknown[]) => batch.param(values);
    batch.add(
      `INSERT INTO tip_events (tip_id, type, actor, detail, at)
       SELECT tip_id, type, actor, detail, COALESCE(at, now())
       FROM unnest(${p(events.map((e) => e.tipId))}::uuid[], ${p(events.map((e) => e.type))}::text[],
         ${p(events.map((e) => e.actor))}::text[],
         ${p(events.map((e) => JSON.stringify(e.detail ?? {})))}::jsonb[],
         ${p(events.map((e) => e.at ?? null))}::timestamptz[])
         AS e(tip_id, type, actor, detail, at)
       ${when ? `WHERE ${when}` : ''}`,
    );
  }
}
