import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { AttachmentsConfig, attachmentsConfig, DatabaseConfig, databaseConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { mayRead, TipsRepository, TipsterCipher } from '@app/tips';
import { sniffType, SNIFF_BYTES, SniffedType } from './attachment-kinds';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment.store';
import { AttachmentsRepository } from './attachments.repository';
import { chunkAad } from './chunk-aad';
import type { AttachmentAdded } from './dto/attachment.view';
import { chunked, cleanImage, peek } from './upload-streams';
import { UploadSlots } from './upload-slots';

/** Who adds a file: a signed-in user, or the tipster through the public channel. */
export interface Uploader {
  /** Username; null for the tipster. */
  username: string | null;
  userId: string | null;
  role: string | null;
}

/**
 * Adds a file to a tip: its type judged from its first bytes against the allow-list, images
 * re-encoded without their metadata, the bytes hashed and sealed in chunks as they arrive and
 * written with the attachment's row, the tip's `attachment_added` event and its audit entry in
 * one transaction. The per-tip count is checked again under a lock on the tip at the end, so
 * parallel uploads cannot pass it.
 */
@Injectable()
export class AttachmentUploadService {
  private readonly logger = new Logger(AttachmentUploadService.name);
  private readonly slots: UploadSlots;
  private readonly imageSlots: UploadSlots;

  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsRepository,
    private readonly tips: TipsRepository,
    private readonly cipher: TipsterCipher,
    private readonly audit: AuditWriter,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(attachmentsConfig.KEY) private readonly limits: AttachmentsConfig,
    @Inject(databaseConfig.KEY) database: DatabaseConfig,
  ) {
    // Each streaming upload holds a connection for its transaction: leave the pool two for the
    // rest of the API, or requests would time out waiting for one (503).
    this.slots = new UploadSlots(
      Math.max(1, Math.min(limits.uploadsAtOnce, database.poolSize - 2)),
    );
    this.imageSlots = new UploadSlots(limits.imagesAtOnce);
  }

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /**
   * Refuses a signed-in user who may not add to the tip before its body is read: an operator
   * adds only to the tips it took (one it may not read is 404), supervisors to any.
   */
  async checkMayAdd(tipId: string, user: { username: string; role: string }): Promise<void> {
    const tip = await this.attachments.findTip(tipId);
    if (!tip || !mayRead(user, tip)) throw new DomainError('not_found', 'tip not found');
    if (user.role === 'operator' && tip.submitted_by !== user.username) {
      throw new DomainError('forbidden', 'operators add files only to the tips they took');
    }
    await this.checkRoom(tipId);
  }

  /** 409 before reading anything when the tip already has its most files. */
  async checkRoom(tipId: string): Promise<void> {
    if ((await this.attachments.countForTip(tipId)) >= this.limits.perTip) {
      throw this.full();
    }
  }

  async add(tipId: string, file: Readable, by: Uploader): Promise<AttachmentAdded> {
    try {
      return await this.slots.run(() => this.store1(tipId, file, by));
    } catch (err) {
      await this.recordRefusal(tipId, by, err);
      throw err;
    }
  }

  private async store1(tipId: string, file: Readable, by: Uploader): Promise<AttachmentAdded> {
    const { head, rest } = await peek(
      file[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
      SNIFF_BYTES,
    );
    if (head.length === 0) {
      throw new DomainError('invalid', 'file is empty', { file: ['file must not be empty'] });
    }
    const type = await sniffType(head);
    if (!type) {
      throw new DomainError(
        'unsupported_type',
        'this type of file is not accepted: send a photo (JPEG, PNG, WebP), a video (MP4, MOV, WebM, 3GP), a sound recording (MP3, M4A, OGG, WAV, AAC, AMR) or a PDF',
      );
    }
    const id = randomUUID();
    const bytes = type.kind === 'image' ? cleaned(rest(), type) : rest();
    const { chunks, tally } = chunked(bytes);
    const keyId = this.cipher.currentKeyId;
    const cipher = this.cipher;
    async function* sealed(): AsyncGenerator<Buffer> {
      let idx = 0;
      for await (const plain of chunks) {
        yield cipher.sealBytes(plain, chunkAad(id, idx));
        idx += 1;
      }
    }
    const write = () =>
      this.dataSource.transaction(async (m) => {
        const chunkCount = await this.store.put(m, id, sealed());
        const { size, sha256 } = tally();
        const count = await this.attachments.lockTipAndCount(m, tipId);
        if (count === null) throw new DomainError('not_found', 'tip not found');
        if (count >= this.limits.perTip) throw this.full();
        await this.attachments.insert(m, {
          id,
          tipId,
          kind: type.kind,
          mime: type.mime,
          size,
          sha256,
          chunkCount,
          keyId,
          addedBy: by.username ?? 'tipster',
        });
        await this.tips.addEvents(m, [
          {
            tipId,
            type: 'attachment_added',
            actor: by.username,
            role: by.role,
            detail: {
              attachmentId: id,
              kind: type.kind,
              size,
              sha256,
              by: by.username ? 'staff' : 'tipster',
            },
          },
        ]);
        this.logger.log({
          msg: 'attachment added',
          tipId,
          attachmentId: id,
          kind: type.kind,
          size,
        });
        return { id, kind: type.kind, size, sha256 };
      });
    // An image waits for the image library (its body unread meanwhile).
    return type.kind === 'image' ? this.imageSlots.run(write) : write();
  }

  private full(): DomainError {
    return new DomainError(
      'conflict',
      `this tip already has ${this.limits.perTip} files, the most it may have`,
    );
  }

  /** Refused and failed uploads are written down too (ids and the reason's code only). */
  private async recordRefusal(tipId: string, by: Uploader, err: unknown): Promise<void> {
    const problem =
      err instanceof DomainError ? err.code : ((err as Error | undefined)?.name ?? 'error');
    await this.audit
      .record([
        {
          actor: by.userId,
          role: by.role,
          action: 'tip.attachment_added',
          entityType: 'tip',
          entityId: tipId,
          outcome: err instanceof DomainError && err.code === 'forbidden' ? 'denied' : 'failure',
          detail: { username: by.username ?? 'tipster', problem },
        },
      ])
      .catch((e: unknown) => {
        this.logger.error({
          msg: 'could not audit a refused upload',
          tipId,
          error: (e as Error).name,
        });
      });
  }
}

/**
 * The image re-encoded without metadata; a file that only looked like an image (the decoder
 * refuses it) is 415, while the upload's own errors (too large, cut off) pass as they are.
 */
async function* cleaned(source: AsyncGenerator<Buffer>, type: SniffedType): AsyncGenerator<Buffer> {
  const input = Readable.from(source, { objectMode: false });
  const output = cleanImage(input, type.ext);
  try {
    for await (const piece of output) yield piece as Buffer;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('unsupported_type', 'the image could not be read');
  } finally {
    input.destroy();
  }
}
