import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlWhere } from '@app/database';
import { ChainedRow, CHAINED_COLUMNS, chainHash } from './audit-chain';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AuditView {
  id: string;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: string;
  reason: string | null;
  detail: Record<string, unknown>;
  hash: string | null;
}

export interface AuditVerification {
  valid: boolean;
  entries: number;
  /** Id of the first entry whose link in the chain no longer holds. */
  brokenAt?: string;
  /** Why the chain breaks there. */
  problem?: string;
  /** Entries written but not sealed yet (normally only those of the last second or two). */
  unsealed: number;
}

@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: AuditQuery): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const w = new SqlWhere();
    if (q.entityType) w.add('l.entity_type = ?', q.entityType);
    if (q.entityId) w.add('l.entity_id = ?', q.entityId);
    if (q.actor) w.add('l.actor = ?', q.actor);
    if (q.from) w.add('l.at >= ?', q.from);
    if (q.to) w.add('l.at < ?', q.to);
    if (q.cursor) w.add('l.id < ?::bigint', q.cursor);
    const limit = q.limit ?? 50;
    const rows: (Omit<AuditView, 'detail' | 'entityType' | 'entityId'> & {
      entity_type: string;
      entity_id: string | null;
      detail: Record<string, unknown>;
      at: Date;
    })[] = await this.dataSource.query(
      `SELECT l.id::text AS id, l.at, l.actor, l.role, l.action, l.entity_type, l.entity_id, l.outcome,
              l.reason, l.detail, c.hash
       FROM audit_log l LEFT JOIN audit_chain c ON c.entry_id = l.id
       ${w.clause}
       ORDER BY l.id DESC LIMIT ${w.param(limit + 1)}`,
      w.params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        role: r.role,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        outcome: r.outcome,
        reason: r.reason,
        detail: r.detail,
        hash: r.hash,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /**
   * Walks the whole chain in order and recomputes every hash: an edited entry no longer hashes
   * to its link, a deleted one leaves its link pointing at nothing, a deleted link leaves a gap.
   */
  async verify(): Promise<AuditVerification> {
    let prev = '';
    let expectedSeq = 1;
    let entries = 0;
    const BATCH = 10_000;
    for (;;) {
      const rows: (Partial<ChainedRow> & {
        seq: string;
        entry_id: string;
        prev_hash: string;
        hash: string;
        present: boolean;
      })[] = await this.dataSource.query(
        `SELECT c.seq::text AS seq, c.entry_id::text AS entry_id, c.prev_hash, c.hash,
                  l.id IS NOT NULL AS present, ${CHAINED_COLUMNS}
           FROM audit_chain c LEFT JOIN audit_log l ON l.id = c.entry_id
           WHERE c.seq >= $1 ORDER BY c.seq LIMIT $2`,
        [expectedSeq, BATCH],
      );
      for (const r of rows) {
        const broken = (problem: string) => ({
          valid: false,
          entries,
          brokenAt: r.entry_id,
          problem,
        });
        if (Number(r.seq) !== expectedSeq)
          return { ...broken('a link of the chain is missing'), unsealed: 0 };
        if (!r.present) return { ...broken('the entry was deleted'), unsealed: 0 };
        if (r.prev_hash !== prev) return { ...broken('the chain was re-linked'), unsealed: 0 };
        if (chainHash(prev, { ...(r as ChainedRow), id: r.entry_id }) !== r.hash) {
          return { ...broken('the entry was edited'), unsealed: 0 };
        }
        prev = r.hash;
        expectedSeq++;
        entries++;
      }
      if (rows.length < BATCH) break;
    }
    const [u]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = l.id)`,
    );
    return { valid: true, entries, unsealed: u.n };
  }
}
