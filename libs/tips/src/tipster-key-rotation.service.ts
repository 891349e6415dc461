import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { TipsterCipher } from './tipster.cipher';
import { TipsterRepository } from './tipster.repository';

const BATCH = 200;

export interface RotationResult {
  reencrypted: number;
  fromKeys: Record<string, number>;
  toKey: string;
}

/**
 * Re-seals every tipster identity under the current key (TIPSTER_KEY / TIPSTER_KEY_ID), opening
 * old values with TIPSTER_OLD_KEYS. Batches commit one by one, each with its audit entry, so an
 * interrupted run is simply run again. A value under a key that is not loaded stops the run.
 */
@Injectable()
export class TipsterKeyRotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tipsters: TipsterRepository,
    private readonly cipher: TipsterCipher,
    private readonly audit: AuditWriter,
  ) {}

  async rotate(actor = 'cli'): Promise<RotationResult> {
    const toKey = this.cipher.currentKeyId;
    const fromKeys: Record<string, number> = {};
    let reencrypted = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (m) => {
        const rows = await this.tipsters.lockSealedNotUnder(m, toKey, BATCH);
        const counts: Record<string, number> = {};
        for (const row of rows) {
          const sealed = this.cipher.seal(
            this.cipher.open({ cipher: row.tipster_cipher, keyId: row.tipster_key_id }),
          );
          await this.tipsters.replaceSealed(m, row.id, sealed.cipher, sealed.keyId);
          counts[row.tipster_key_id] = (counts[row.tipster_key_id] ?? 0) + 1;
        }
        if (rows.length) {
          await this.audit.append(m, [
            {
              actor,
              role: null,
              action: 'tipster.rekeyed',
              entityType: 'system',
              entityId: null,
              outcome: 'success',
              detail: { count: rows.length, fromKeys: counts, toKey },
            },
          ]);
        }
        for (const [k, n] of Object.entries(counts)) fromKeys[k] = (fromKeys[k] ?? 0) + n;
        return rows.length;
      });
      reencrypted += done;
      if (done < BATCH) break;
    }
    return { reencrypted, fromKeys, toKey };
  }
}
