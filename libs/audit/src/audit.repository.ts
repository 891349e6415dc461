import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlBatch, SqlWhere } from '@app/database';
import type { ChainedRow } from './audit-chain';
import type { AuditEntry } from './audit-entry';

/** SELECT list giving a ChainedRow; `detail::text` is jsonb's own normalised form. */
const CHAINED_COLUMNS = `l.id::text AS id,
  to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, l.actor, l.role, l.action,
  l.entity_type, l.entity_id, l.outcome, l.reason, l.detail::text AS detail`;

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** Filters of the audit log's list. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  /** Entries with lower ids than this one. */
  before?: string;
  limit: number;
}

/** An audit entry as the list reads it, with its seal. */
export interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: string;
  reason: string | null;
  detail: Record<string, unknown>;
  hash: string | null;
  /** The actor's username when the actor is a known user. */
  actor_name: string | null;
}

/** A link of the chain with the entry it seals (the entry's columns absent if it was deleted). */
export type ChainLink = Partial<ChainedRow> & {
  seq: string;
  entry_id: string;
  prev_hash: string;
  hash: string;
  present: boolean;
};

/** The audit log (insert-only) and its hash chain. */
@Injectable()
export class AuditRepository {
  /** Adds the entries' INSERT to `batch`; `when` (SQL) writes them only if it holds. */
  insertTo(batch: SqlBatch, entries: AuditEntry[], when?: string): void {
    const p = (values: unknown[]) => batch.param(values);
    batch.add(
      `INSERT INTO audit_log (at, actor, role, action, entity_type, entity_id, outcome, reason, detail)
       SELECT clock_timestamp(), actor, role, action, entity_type, entity_id, outcome, reason, detail
       FROM unnest(${p(entries.map((e) => e.actor))}::text[], ${p(entries.map((e) => e.role))}::text[],
         ${p(entries.map((e) => e.action))}::text[], ${p(entries.map((e) => e.entityType))}::text[],
         ${p(entries.map((e) => e.entityId))}::text[], ${p(entries.map((e) => e.outcome))}::text[],
         ${p(entries.map((e) => e.reason ?? null))}::text[],
         ${p(entries.map((e) => JSON.stringify(e.detail ?? {})))}::jsonb[])
         AS e(actor, role, action, entity_type, entity_id, outcome, reason, detail)
       ${when ? `WHERE ${when}` : ''}`,
    );
  }

  /** Adds to `batch` the entries `source` (a query of the batch) yields. */
  insertFromTo(batch: SqlBatch, source: string): void {
    batch.add(
      `INSERT INTO audit_log (at, actor, role, action, entity_type, entity_id, outcome, reason, detail)
       SELECT clock_timestamp(), actor, role, action, entity_type, entity_id, outcome, reason, detail
       FROM (${source}) AS e`,
    );
  }

  /** Takes the transaction-scoped advisory lock `key` if it is free; false when it is taken. */
  async tryLock(m: EntityManager, key: number): Promise<boolean> {
    const [lock]: { ok: boolean }[] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
      key,
    ]);
    return lock.ok;
  }

  /** The chain's last link (seq and hash) and the highest entry id sealed; undefined when empty. */
  async lastLink(
    m: EntityManager,
  ): Promise<{ seq: string; hash: string; top: string } | undefined> {
    const last: { seq: string; hash: string; top: string }[] = await m.query(
      `SELECT seq, hash, (SELECT max(entry_id) FROM audit_chain) AS top
           FROM audit_chain ORDER BY seq DESC LIMIT 1`,
    );
    return last[0];
  }

  /** Up to `limit` committed entries above id `floor` not sealed yet, in id order. */
  unsealedAbove(m: EntityManager, floor: number, limit: number): Promise<ChainedRow[]> {
    return m.query(
      `SELECT ${CHAINED_COLUMNS} FROM audit_log l
           WHERE l.id > $1 AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = l.id)
           ORDER BY l.id LIMIT $2`,
      [floor, limit],
    );
  }

  /** Appends links to the chain. */
  async addLinks(
    m: EntityManager,
    links: { seq: number[]; entryId: string[]; prevHash: string[]; hash: string[] },
  ): Promise<void> {
    await m.query(
      `INSERT INTO audit_chain (seq, entry_id, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
      [links.seq, links.entryId, links.prevHash, links.hash],
    );
  }

  /** Entries matching `f`, newest first, with their seals. */
  list(m: EntityManager, f: AuditFilter): Promise<AuditRow[]> {
    const w = new SqlWhere();
    if (f.entityType) w.add('l.entity_type = ?', f.entityType);
    if (f.entityId) w.add('l.entity_id = ?', f.entityId);
    if (f.actor) {
      // One person's entries whichever way the filter names them: reads hold the user's id,
      // actions its username.
      const a = w.param(f.actor);
      w.and(`l.actor IN (${a},
        (SELECT u.id::text FROM users u WHERE lower(u.username) = lower(${a})),
        (SELECT u.username FROM users u WHERE u.id::text = ${a}))`);
    }
    if (f.from) w.add('l.at >= ?', f.from);
    if (f.to) w.add('l.at < ?', f.to);
    if (f.before) w.add('l.id < ?::bigint', f.before);
    // The actor's username, whether the entry holds the user's id or its username (null for the
    // pipeline's processes and for users no longer known).
    return m.query(
      `SELECT l.id::text AS id, l.at, l.actor, l.role, l.action, l.entity_type, l.entity_id, l.outcome,
              l.reason, l.detail, c.hash, who.username AS actor_name
       FROM audit_log l LEFT JOIN audit_chain c ON c.entry_id = l.id
       LEFT JOIN LATERAL (
         SELECT u.username FROM users u
         WHERE u.id = CASE WHEN l.actor ~* '${UUID}' THEN l.actor::uuid END
            OR lower(u.username) = lower(l.actor)
         LIMIT 1
       ) who ON true
       ${w.clause}
       ORDER BY l.id DESC LIMIT ${w.param(f.limit)}`,
      w.params,
    );
  }

  /** Up to `limit` links of the chain from `fromSeq` on, each with the entry it seals. */
  chainFrom(m: EntityManager, fromSeq: number, limit: number): Promise<ChainLink[]> {
    return m.query(
      `SELECT c.seq::text AS seq, c.entry_id::text AS entry_id, c.prev_hash, c.hash,
                  l.id IS NOT NULL AS present, ${CHAINED_COLUMNS}
           FROM audit_chain c LEFT JOIN audit_log l ON l.id = c.entry_id
           WHERE c.seq >= $1 ORDER BY c.seq LIMIT $2`,
      [fromSeq, limit],
    );
  }

  /** How many entries are not sealed yet. */
  async countUnsealed(m: EntityManager): Promise<number> {
    const [u]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = l.id)`,
    );
    return u.n;
  }
}
