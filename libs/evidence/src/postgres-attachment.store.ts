import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttachmentStore } from './attachment.store';

/**
 * Chunks in `attachment_chunks`, one row each, written in the upload's own transaction (its
 * attachment row comes last: the key is checked at commit). Reads take one chunk per query, so
 * a download holds one chunk at a time too.
 */
@Injectable()
export class PostgresAttachmentStore implements AttachmentStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(
    m: EntityManager,
    attachmentId: string,
    chunks: AsyncIterable<Buffer>,
  ): Promise<number> {
    let idx = 0;
    for await (const data of chunks) {
      await m.query(
        `INSERT INTO attachment_chunks (attachment_id, idx, data) VALUES ($1, $2, $3)`,
        [attachmentId, idx, data],
      );
      idx += 1;
    }
    return idx;
  }

  async *get(attachmentId: string, chunkCount: number): AsyncIterable<Buffer> {
    for (let idx = 0; idx < chunkCount; idx += 1) {
      const rows: { data: Buffer }[] = await this.dataSource.query(
        `SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND idx = $2`,
        [attachmentId, idx],
      );
      if (!rows[0]) throw new Error(`attachment ${attachmentId} lacks chunk ${idx}`);
      yield rows[0].data;
    }
  }

  async remove(m: EntityManager, attachmentIds: string[]): Promise<void> {
    if (attachmentIds.length === 0) return;
    await m.query(`DELETE FROM attachment_chunks WHERE attachment_id = ANY($1::uuid[])`, [
      attachmentIds,
    ]);
  }
}
