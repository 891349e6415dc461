import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Category, Channel, Reason } from '@app/contracts';
import { SqlBatch } from '@app/database';
import type { TipEntitiesFound } from '@app/database';
import { tipStageUpdate } from '@app/tips';
import { entityValueRows } from './entities';

/** A tip waiting for triage, as triage reads it. */
export interface ReceivedTip {
  id: string;
  reference: string;
  ward: string;
  category: Category;
  channel: Channel;
  description: string;
  location_address: string | null;
  occurred_at: Date | null;
  received_at: Date;
}

/** A reason as stored in tips.triage_reasons: its code and the English line clients have read. */
export interface StoredReason extends Reason {
  text: string;
}

/** Triage's decision on one tip, as the tip records it. */
export interface TriageRecord {
  id: string;
  stage: 'triaged' | 'rejected' | 'needs_review';
  norm: string;
  entities: TipEntitiesFound;
  priority: number;
  reasons: StoredReason[];
  urgent: boolean;
  duplicateOf: string | null;
  rejectedReason: string | null;
  reviewReason: string | null;
}

const RECEIVED_COLUMNS = `id, reference, ward, category, channel, description, location_address,
  occurred_at, received_at`;

/** Takes the ward's triage lock in the caller's transaction (see TriageTipService.triage). */
export async function lockWardForTriage(m: EntityManager, ward: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('triage:' || $1))`, [ward]);
}

/** Triage's reads and writes of tips. */
@Injectable()
export class TriageRepository {
  /** The tips still `received` among `ids`, read without a lock (for the analysis). */
  readReceived(m: EntityManager, ids: string[]): Promise<ReceivedTip[]> {
    return m.query(
      `SELECT ${RECEIVED_COLUMNS} FROM tips WHERE id = ANY($1::uuid[]) AND stage = 'received'`,
      [ids],
    );
  }

  /**
   * Takes the triage lock of every ward of the tips still `received` among `ids` (in one order,
   * ward by name, so two batches never wait on each other crosswise), then reads and locks those
   * tips, in received order. Tips already triaged (a redelivered job) are not returned.
   */
  async lockReceived(m: EntityManager, ids: string[]): Promise<ReceivedTip[]> {
    await m.query(
      `WITH w AS (SELECT DISTINCT ward FROM tips
                  WHERE id = ANY($1::uuid[]) AND stage = 'received' ORDER BY ward)
       SELECT count(pg_advisory_xact_lock(hashtext('triage:' || ward))) FROM w`,
      [ids],
    );
    return m.query(
      `SELECT ${RECEIVED_COLUMNS}
       FROM tips WHERE id = ANY($1::uuid[]) AND stage = 'received'
       ORDER BY received_at, id FOR UPDATE`,
      [ids],
    );
  }

  /**
   * Records triage's decisions (or a person's, going on as if triage had passed the tip): the
   * one statement that writes tips' triage fields, with the entity values the duplicate search
   * and case suggestions match on for the tips that passed. `triaged_at` keeps the first time.
   */
  markTriagedTo(batch: SqlBatch, records: TriageRecord[]): void {
    if (records.length === 0) return;
    const p = (v: unknown) => batch.param(v);
    const col = <T>(f: (r: TriageRecord) => T) => p(records.map(f));
    tipStageUpdate(batch, {
      to: { sql: 'v.stage', stages: [...new Set(records.map((r) => r.stage))] },
      stamp: { column: 'triaged_at', sql: 'COALESCE(t.triaged_at, now())' },
      set: [
        'description_norm = v.norm',
        'entities = v.entities',
        'priority = v.priority',
        'triage_reasons = v.reasons',
        'urgent = v.urgent',
        'duplicate_of = v.dup',
        'rejected_reason = v.rej',
        'review_reason = v.rev',
      ],
      from: `unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.stage)}::text[],
         ${col((r) => r.norm)}::text[], ${col((r) => JSON.stringify(r.entities))}::jsonb[],
         ${col((r) => r.priority)}::int[], ${col((r) => JSON.stringify(r.reasons))}::jsonb[],
         ${col((r) => r.urgent)}::boolean[], ${col((r) => r.duplicateOf)}::uuid[],
         ${col((r) => r.rejectedReason)}::text[], ${col((r) => r.reviewReason)}::text[])
         AS v(id, stage, norm, entities, priority, reasons, urgent, dup, rej, rev)`,
      where: 't.id = v.id',
    });
    const passed = records.filter((r) => r.stage === 'triaged');
    if (passed.length > 0) {
      // What the duplicate search reads of a tip that passed (tip_search), written once: a
      // triaged tip never goes back to received, needs_review or rejected.
      const list = (key: 'landmarks' | 'people' | 'streets') =>
        `ARRAY(SELECT jsonb_array_elements_text(COALESCE(v.e -> '${key}', '[]')))`;
      batch.add(
        `INSERT INTO tip_search (tip_id, ward, received_at, trgm, landmarks, people, streets)
         SELECT t.id, t.ward, t.received_at, tt_trgm(v.norm), ${list('landmarks')},
                ${list('people')}, ${list('streets')}
         FROM unnest(${p(passed.map((r) => r.id))}::uuid[], ${p(passed.map((r) => r.norm))}::text[],
                     ${p(passed.map((r) => JSON.stringify(r.entities)))}::jsonb[]) AS v(id, norm, e)
         JOIN tips t ON t.id = v.id
         ON CONFLICT (tip_id) DO NOTHING`,
      );
    }
    const ids: string[] = [];
    const kinds: string[] = [];
    const values: string[] = [];
    for (const r of records) {
      if (r.stage !== 'triaged') continue;
      const rows = entityValueRows(r.entities);
      for (let i = 0; i < rows.kinds.length; i++) {
        ids.push(r.id);
        kinds.push(rows.kinds[i]);
        values.push(rows.values[i]);
      }
    }
    if (ids.length > 0) {
      batch.add(
        `INSERT INTO tip_entity_values (tip_id, kind, value)
         SELECT * FROM unnest(${p(ids)}::uuid[], ${p(kinds)}::text[], ${p(values)}::text[])
         ON CONFLICT DO NOTHING`,
      );
    }
  }
}
