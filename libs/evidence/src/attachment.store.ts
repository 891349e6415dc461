import type { EntityManager } from 'typeorm';

/**
 * Where the sealed bytes of attachments live. The attachment's record (its row, the tip's event,
 * the audit entry) is always in PostgreSQL; a store keeps only sealed chunks, so it never holds
 * a readable file and needs no key. `PostgresAttachmentStore` is the default; an object store
 * (see docs/evidence.md) would implement the same three calls.
 */
export interface AttachmentStore {
  /**
   * Writes the chunks of a new attachment, in order, within the caller's transaction `m`, taking
   * one chunk at a time from `chunks` (so a large file is never held whole); returns how many.
   */
  put(m: EntityManager, attachmentId: string, chunks: AsyncIterable<Buffer>): Promise<number>;
  /** The sealed chunks of an attachment, in order, read one at a time. */
  get(attachmentId: string, chunkCount: number): AsyncIterable<Buffer>;
  /** Removes the chunks of these attachments, within the caller's transaction. */
  remove(m: EntityManager, attachmentIds: string[]): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol('AttachmentStore');
