import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { TipsterCipher } from '@app/tips';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment.store';
import { AttachmentsRepository } from './attachments.repository';
import { chunkAad } from './chunk-aad';

const BATCH = 20;

export interface AttachmentRotationResult {
  reencrypted: number;
  fromKeys: Record<string, number>;
  toKey: string;
}

/**
 * Re-seals every attachment's chunks under the current tipster key, one attachment at a time
 * (a chunk is opened and sealed again as it is read), its row and chunks locked and replaced in
 * one transaction per batch with one audit entry. Safe to run again; it stops on a file sealed
 * under a key it was not given.
 */
@Injectable()
export class AttachmentKeyRotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsRepository,
    private readonly cipher: TipsterCipher,
    private readonly audit: AuditWriter,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  async rotate(actor = 'cli'): Promise<AttachmentRotationResult> {
    const toKey = this.cipher.currentKeyId;
    const fromKeys: Record<string, number> = {};
    let reencrypted = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (m) => {
        const rows = await this.attachments.lockSealedNotUnder(m, toKey, BATCH);
        const counts: Record<string, number> = {};
        for (const row of rows) {
          const { cipher, store } = this;
          async function* resealed(): AsyncGenerator<Buffer> {
            let idx = 0;
            for await (const sealed of store.get(row.id, row.chunk_count)) {
              const aad = chunkAad(row.id, idx);
              yield cipher.sealBytes(cipher.openBytes(sealed, row.key_id, aad), aad);
              idx += 1;
            }
          }
          // The old chunks are read (outside this transaction, as last committed) while this
          // transaction replaces them.
          await store.remove(m, [row.id]);
          await store.put(m, row.id, resealed());
          await this.attachments.setKey(m, row.id, toKey);
          counts[row.key_id] = (counts[row.key_id] ?? 0) + 1;
        }
        if (rows.length) {
          await this.audit.append(m, [
            {
              actor,
              role: null,
              action: 'attachment.rekeyed',
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
