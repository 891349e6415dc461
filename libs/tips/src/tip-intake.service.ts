import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TipsterConfig, tipsterConfig } from '@app/config';
import { DomainError, QueueName } from '@app/contracts';
import { PasswordHasher } from '@app/crypto';
import { BatchResults, MicroBatcher, OutboxWriter } from '@app/dispatch';
import type { CreateTipDto } from './dto/create-tip.dto';
import type { ImportTipsDto } from './dto/import-tips.dto';
import type { TipAccepted } from './dto/tip.view';
import { derivedFollowUpCode } from './follow-up/follow-up-code';
import { newReference } from './reference';
import { hasIdentity, TipsterCipher } from './tipster.cipher';
import { TipIntakeRepository } from './tip-intake.repository';
import type { IncomingTip } from './tip-intake.repository';
import { NewTipRow, TipsRepository } from './tips.repository';

export interface IntakeContext {
  /** Who submitted it (user id or role); never the tipster. */
  actor: string | null;
  idempotencyKey?: string;
  /** The request body as received, for comparing repeats of an idempotency key. */
  rawBody: unknown;
  /** A follow-up code's lookup id and secret hash, stored in the tip's own transaction. */
  followUp?: { lookup: string; hash: string };
}

/** Canonical JSON (sorted keys) so the same body in another key order is the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The tip was not taken in: another tip holds its follow-up code's lookup (the code's first 40
 * bits, random, unique over all years). Drawing a new code and submitting again takes it in.
 */
export class FollowUpLookupTaken extends Error {
  constructor() {
    super("another tip holds the follow-up code's lookup");
  }
}

/** How many times a tip is submitted, each with a new follow-up code, while its lookup is held. */
export const CODE_ATTEMPTS = 5;

/**
 * Runs `submit` (which draws its own follow-up code) again while it fails with
 * FollowUpLookupTaken, at most CODE_ATTEMPTS times in all.
 */
export async function withFreshCodes<T>(submit: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submit();
    } catch (err) {
      if (!(err instanceof FollowUpLookupTaken) || attempt >= CODE_ATTEMPTS) throw err;
    }
  }
}

/** A tip waiting for the next group commit. */
type PendingTip = IncomingTip;

/** The most tips one intake statement takes, and how many such statements run at once. */
const GROUP_MAX = 64;
const GROUPS_AT_ONCE = 4;

/**
 * Takes tips in. A 2xx answer means the tip, its `received` event and the intent to triage it
 * (an outbox row) were committed in one transaction.
 *
 * Group commit: the POSTs that arrive together share one statement and one durable commit
 * (MicroBatcher: the tips of one turn of the event loop, and those arriving while a statement
 * runs, go together; alone, a tip goes at once). Each request still gets its own answer: a
 * repeated idempotency key inserts nothing for that tip only, and a statement that fails is run
 * again one tip at a time, so one bad tip fails only its own request.
 */
@Injectable()
export class TipIntakeService {
  private readonly logger = new Logger(TipIntakeService.name);
  private readonly pending = new Map<string, PendingTip>();
  private readonly group = new MicroBatcher<boolean>((ids) => this.insertGroup(ids), {
    maxBatch: GROUP_MAX,
    maxConcurrent: GROUPS_AT_ONCE,
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
    private readonly cipher: TipsterCipher,
    private readonly hasher: PasswordHasher,
    @Inject(tipsterConfig.KEY) private readonly tipster: TipsterConfig,
    private readonly intake: TipIntakeRepository,
  ) {}

  async submit(dto: CreateTipDto, ctx: IntakeContext): Promise<TipAccepted> {
    // An operator's code is derived from the tip's id: a tip whose code's lookup another tip
    // holds is taken in again under a new id. A caller's own code is the caller's to draw again.
    if (ctx.followUp) return this.submitOnce(dto, ctx);
    return withFreshCodes(() => this.submitOnce(dto, ctx));
  }

  private async submitOnce(dto: CreateTipDto, ctx: IntakeContext): Promise<TipAccepted> {
    // Keyed hash: the body holds the tipster's identity, so a plain digest would be guessable.
    const requestHash = ctx.idempotencyKey
      ? createHmac('sha256', this.tipster.key).update(canonicalJson(ctx.rawBody)).digest('hex')
      : null;
    const row = this.toRow(dto, {
      receivedAt: null,
      externalRef: null,
      imported: false,
      idempotencyKey: ctx.idempotencyKey ?? null,
      requestHash,
      actor: ctx.actor,
    });
    // An operator's caller may ask for a follow-up code; the slow hash is made before the
    // transaction so no row lock waits on it.
    const operatorCode =
      dto.followUp && !ctx.followUp ? derivedFollowUpCode(this.followUpKey(), row.id) : null;
    const followUp =
      ctx.followUp ??
      (operatorCode
        ? { lookup: operatorCode.lookup, hash: await this.hasher.hash(operatorCode.secret) }
        : undefined);
    // One statement, so one round trip and atomic on its own, shared with the tips submitted at
    // the same moment: each tip (with any follow-up code's hash), its `received` event and audit
    // entry, and the outbox row that asks for triage. A repeated idempotency key inserts nothing.
    this.pending.set(row.id, { row, followUp, channel: dto.channel, actor: ctx.actor });
    let created: boolean;
    try {
      created = await this.group.submit(row.id);
    } finally {
      this.pending.delete(row.id);
    }
    const manager = this.dataSource.manager;
    let answer: TipAccepted;
    if (created) {
      answer = {
        id: row.id,
        reference: row.reference,
        stage: 'received' as const,
        ...(operatorCode ? { followUpCode: operatorCode.display } : {}),
      };
    } else {
      const existing = await this.tips.findByIdempotencyKey(manager, ctx.idempotencyKey!);
      if (!existing) throw new DomainError('conflict', 'idempotency key is being used, retry');
      if (existing.request_hash !== requestHash) {
        throw new DomainError('conflict', 'Idempotency-Key was already used with a different body');
      }
      // The same request again: the same answer, the same code (derived, never stored).
      answer = {
        id: existing.id,
        reference: existing.reference,
        stage: 'received' as const,
        ...(existing.follow_up_lookup && dto.followUp && !ctx.followUp
          ? { followUpCode: derivedFollowUpCode(this.followUpKey(), existing.id).display }
          : {}),
      };
    }
    this.logger.debug({ msg: 'tip received', tipId: answer.id, channel: dto.channel });
    return answer;
  }

  /** One statement for the tips of `ids`: answers, per tip, whether it was created. */
  private async insertGroup(ids: string[]): Promise<BatchResults<boolean>> {
    const tips = ids.map((id) => this.pending.get(id)!);
    const { created, lookupTaken } = await this.intake.receive(this.dataSource.manager, tips);
    if (created.length > 0) this.outbox.committed();
    const made = new Set(created);
    const taken = new Set(lookupTaken);
    return new Map(ids.map((id) => [id, taken.has(id) ? new FollowUpLookupTaken() : made.has(id)]));
  }

  /** A key of its own for follow-up codes, derived from the tipster key. */
  private followUpKey(): Buffer {
    return createHmac('sha256', this.tipster.key).update('tiptrace/follow-up-key').digest();
  }

  /** Historical records with their original times; an externalRef seen before is skipped. */
  async importTips(
    dto: ImportTipsDto,
    actor: string | null,
  ): Promise<{ accepted: number; skipped: number; ids: string[] }> {
    const rows = dto.tips.map((t) =>
      this.toRow(t, {
        receivedAt: new Date(t.receivedAt).toISOString(),
        externalRef: t.externalRef,
        imported: true,
        idempotencyKey: null,
        requestHash: null,
        actor,
      }),
    );
    const created = await this.dataSource.transaction(async (manager) => {
      const map = await this.tips.insertImported(manager, rows);
      const ids = rows.filter((r) => map.get(r.externalRef!) === r.id).map((r) => r.id);
      const byId = new Map(rows.map((r) => [r.id, r]));
      await this.tips.addEvents(
        manager,
        ids.map((id) => ({
          tipId: id,
          type: 'received',
          actor,
          at: byId.get(id)!.receivedAt!,
          detail: { channel: byId.get(id)!.channel, imported: true },
        })),
      );
      await this.outbox.enqueueStage(manager, QueueName.Triage, ids);
      return ids;
    });
    this.logger.log({ msg: 'tips imported', count: created.length, actor });
    return { accepted: created.length, skipped: rows.length - created.length, ids: created };
  }

  private toRow(
    dto: CreateTipDto,
    extra: {
      receivedAt: string | null;
      externalRef: string | null;
      imported: boolean;
      idempotencyKey: string | null;
      requestHash: string | null;
      actor: string | null;
    },
  ): NewTipRow {
    const identity = !dto.anonymous && hasIdentity(dto.tipster) ? dto.tipster : undefined;
    const sealed = identity ? this.cipher.seal(identity) : null;
    return {
      id: randomUUID(),
      reference: newReference(extra.receivedAt ? new Date(extra.receivedAt) : new Date()),
      channel: dto.channel,
      category: dto.category,
      ward: dto.ward,
      description: dto.description,
      occurredAt: dto.occurredAt ? new Date(dto.occurredAt).toISOString() : null,
      receivedAt: extra.receivedAt,
      address: dto.location?.address ?? null,
      lat: dto.location?.lat ?? null,
      lng: dto.location?.lng ?? null,
      anonymous: dto.anonymous,
      hasContact: !!identity,
      tipsterCipher: sealed?.cipher ?? null,
      tipsterKeyId: sealed?.keyId ?? null,
      imported: extra.imported,
      externalRef: extra.externalRef,
      idempotencyKey: extra.idempotencyKey,
      requestHash: extra.requestHash,
      submittedBy: extra.actor,
    };
  }
}
