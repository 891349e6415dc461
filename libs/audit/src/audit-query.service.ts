import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChainedRow, chainHash } from './audit-chain';
import { AuditRepository } from './audit.repository';

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
  /**
   * A user's id (reads, sign-ins, account changes), a username (work on tips, leads, cases) or a
   * process's name.
   */
  actor: string | null;
  /** The actor's username when the actor is a known user, whichever way `actor` names it. */
  actorName: string | null;
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository = new AuditRepository(),
  ) {}

  async list(q: AuditQuery): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const rows = await this.audit.list(this.dataSource.manager, {
      entityType: q.entityType,
      entityId: q.entityId,
      actor: q.actor,
      from: q.from,
      to: q.to,
      before: q.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        actorName: r.actor_name,
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
      const rows = await this.audit.chainFrom(this.dataSource.manager, expectedSeq, BATCH);
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
    const unsealed = await this.audit.countUnsealed(this.dataSource.manager);
    return { valid: true, entries, unsealed };
  }
}
