import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@app/audit';
import { DomainError } from '@app/contracts';
import { mayRead, TipReader, TipsterCipher } from '@app/tips';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment.store';
import { AttachmentRow, AttachmentsRepository } from './attachments.repository';
import { chunkAad } from './chunk-aad';
import type { AttachmentView } from './dto/attachment.view';

/** A reader of evidence: the signed-in user (its id for the audit log). */
export interface AttachmentReader extends TipReader {
  id: string;
}

/** A file ready to be sent: what it is, and its bytes, opened one chunk at a time. */
export interface AttachmentDownload {
  id: string;
  tipId: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  bytes: AsyncIterable<Buffer>;
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/3gpp': '3gp',
  'audio/mpeg': 'mp3',
  'audio/x-m4a': 'm4a',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
};

export function toAttachmentView(r: AttachmentRow): AttachmentView {
  return {
    id: r.id,
    kind: r.kind,
    size: Number(r.size),
    sha256: r.sha256,
    addedAt: r.added_at.toISOString(),
    addedBy: r.added_by,
  };
}

/**
 * Lists and downloads for the people who may read the tip (the need-to-know of
 * `GET /api/tips/:id`); a file of a tip the reader may not read is 404, as the tip is. Every
 * download is written to the audit log before its first byte leaves.
 */
@Injectable()
export class AttachmentReadService {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly cipher: TipsterCipher,
    private readonly audit: AuditWriter,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  async list(tipId: string, reader: TipReader): Promise<AttachmentView[]> {
    const tip = await this.attachments.findTip(tipId);
    if (!tip || !mayRead(reader, tip)) throw new DomainError('not_found', 'tip not found');
    return (await this.attachments.listForTip(tipId)).map(toAttachmentView);
  }

  async download(id: string, reader: AttachmentReader): Promise<AttachmentDownload> {
    const row = await this.attachments.findWithTip(id);
    const entry = (outcome: 'success' | 'failure', detail: Record<string, unknown>) => ({
      actor: reader.id,
      role: reader.role,
      action: 'attachment.downloaded',
      entityType: 'attachment' as const,
      entityId: id,
      outcome,
      detail: { username: reader.username, ...detail },
    });
    if (!row || !mayRead(reader, row.tip)) {
      await this.audit.record([entry('failure', { problem: 'not_found' })]);
      throw new DomainError('not_found', 'attachment not found');
    }
    await this.audit.record([entry('success', { tipId: row.tip_id, sha256: row.sha256 })]);
    const { cipher, store } = this;
    async function* bytes(): AsyncGenerator<Buffer> {
      let idx = 0;
      for await (const sealed of store.get(row!.id, row!.chunk_count)) {
        yield cipher.openBytes(sealed, row!.key_id, chunkAad(row!.id, idx));
        idx += 1;
      }
    }
    return {
      id: row.id,
      tipId: row.tip_id,
      mime: row.mime,
      ext: EXT[row.mime] ?? 'bin',
      size: Number(row.size),
      sha256: row.sha256,
      bytes: bytes(),
    };
  }
}
