import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TipStage } from '@app/contracts';

export interface SealedIdentityRow {
  tipster_cipher: Buffer | null;
  tipster_key_id: string | null;
  identity_purged_at: Date | null;
}

export interface FollowUpRow {
  id: string;
  follow_up_hash: string;
  stage: TipStage;
  case_status: string | null;
}

/**
 * The tipster's side of a tip: the sealed identity, the follow-up code's hash. Kept apart from
 * TipsRepository so ordinary tip reads never select these columns.
 */
@Injectable()
export class TipsterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The sealed identity, locked against a concurrent rotation or purge; null for no such tip. */
  async lockSealed(m: EntityManager, tipId: string): Promise<SealedIdentityRow | null> {
    const rows: SealedIdentityRow[] = await m.query(
      `SELECT tipster_cipher, tipster_key_id, identity_purged_at FROM tips WHERE id = $1 FOR SHARE`,
      [tipId],
    );
    return rows[0] ?? null;
  }

  async findByFollowUpLookup(lookup: string): Promise<FollowUpRow | null> {
    const rows: FollowUpRow[] = await this.dataSource.query(
      `SELECT id, follow_up_hash, stage, case_status FROM tips WHERE follow_up_lookup = $1`,
      [lookup],
    );
    return rows[0] ?? null;
  }

  /** A batch of identities sealed under another key, locked; SKIP LOCKED lets runs overlap. */
  async lockSealedNotUnder(
    m: EntityManager,
    keyId: string,
    limit: number,
  ): Promise<{ id: string; tipster_cipher: Buffer; tipster_key_id: string }[]> {
    return m.query(
      `SELECT id, tipster_cipher, tipster_key_id FROM tips
        WHERE tipster_cipher IS NOT NULL AND tipster_key_id IS DISTINCT FROM $1
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [keyId, limit],
    );
  }

  async replaceSealed(
    m: EntityManager,
    tipId: string,
    cipher: Buffer,
    keyId: string,
  ): Promise<void> {
    await m.query(`UPDATE tips SET tipster_cipher = $2, tipster_key_id = $3 WHERE id = $1`, [
      tipId,
      cipher,
      keyId,
    ]);
  }
}
