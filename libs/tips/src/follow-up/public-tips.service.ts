import { Injectable, Logger } from '@nestjs/common';
import { PasswordHasher } from '@app/crypto';
import { DomainError } from '@app/contracts';
import type { TipStage } from '@app/contracts';
import type { CreateTipDto } from '../dto/create-tip.dto';
import { TipIntakeService, withFreshCodes } from '../tip-intake.service';
import { TipMessagesService } from '../tip-messages.service';
import { hasIdentity } from '../tipster.cipher';
import { TipsterRepository } from '../tipster.repository';
import { newFollowUpCode, parseFollowUpCode } from './follow-up-code';
import type {
  PublicMessageView,
  PublicTipAccepted,
  PublicTipDto,
  PublicTipStatus,
  PublicTipView,
} from './public-tip.dto';

/** The tip a valid follow-up code opens. */
export interface FollowedTip {
  tipId: string;
  stage: TipStage;
  status: PublicTipStatus;
}

/** What a tipster may know: three coarse states, nothing about leads, cases or people. */
export function publicStatus(stage: TipStage, caseStatus: string | null): PublicTipStatus {
  switch (stage) {
    case 'received':
    case 'triaged':
      return 'received';
    case 'needs_review':
      return 'under_review';
    case 'rejected':
    case 'dismissed':
      return 'closed';
    case 'linked':
      return caseStatus === 'resolved' ? 'closed' : 'under_review';
    case 'duplicate':
    case 'lead_open':
    case 'lead_claimed':
      return caseStatus === 'resolved' ? 'closed' : 'under_review';
  }
}

/**
 * The public channel: tips from citizens without an account, through the same intake (one
 * transaction with the outbox, then triage and linkage), and follow-up with a code shown once.
 * A code is checked with the same argon2id work whether its lookup id exists or not.
 */
@Injectable()
export class PublicTipsService {
  private readonly logger = new Logger(PublicTipsService.name);

  constructor(
    private readonly intake: TipIntakeService,
    private readonly tipsters: TipsterRepository,
    private readonly messages: TipMessagesService,
    private readonly hasher: PasswordHasher,
  ) {}

  async submit(dto: PublicTipDto): Promise<PublicTipAccepted> {
    // Another tip may hold the code's lookup (40 random bits): a new code, the same tip.
    return withFreshCodes(() => this.submitOnce(dto));
  }

  private async submitOnce(dto: PublicTipDto): Promise<PublicTipAccepted> {
    const code = newFollowUpCode();
    const hash = await this.hasher.hash(code.secret);
    const tip: CreateTipDto = {
      channel: dto.channel ?? 'web',
      category: dto.category,
      ward: dto.ward,
      description: dto.description,
      occurredAt: dto.occurredAt,
      location: dto.location,
      anonymous: !hasIdentity(dto.tipster),
      tipster: dto.tipster,
    };
    const accepted = await this.intake.submit(tip, {
      actor: 'public',
      rawBody: null,
      followUp: { lookup: code.lookup, hash },
    });
    return { reference: accepted.reference, followUpCode: code.display };
  }

  /** The tip a code opens, or null for any wrong, unknown or malformed code. */
  async verify(rawCode: string | undefined): Promise<FollowedTip | null> {
    const parsed = parseFollowUpCode(rawCode);
    const row = parsed ? await this.tipsters.findByFollowUpLookup(parsed.lookup) : null;
    const secret = parsed?.secret ?? 'not-a-follow-up-code';
    const ok = row
      ? await this.hasher.verify(row.follow_up_hash, secret)
      : await this.hasher.verifyDummy(secret);
    if (!row || !ok) return null;
    return { tipId: row.id, stage: row.stage, status: publicStatus(row.stage, row.case_status) };
  }

  async view(tip: { tipId: string; status: PublicTipStatus }): Promise<PublicTipView> {
    const thread = await this.messages.thread(tip.tipId);
    return {
      status: tip.status,
      messages: thread.map((m): PublicMessageView => ({
        direction: m.direction,
        body: m.body,
        createdAt: m.createdAt,
      })),
    };
  }

  async write(tip: FollowedTip, body: string): Promise<PublicTipView> {
    // A rejected tip takes the message, and goes to a person: what the tipster adds (the place
    // that was missing, say) may be what triage lacked. Any other closed tip has nobody left to
    // read its thread: more news is a new tip.
    if (tip.stage === 'rejected') {
      const moved = await this.messages.fromTipster(tip.tipId, body, { reviewIfRejected: true });
      this.logger.log({ msg: 'tipster message received', tipId: tip.tipId, toReview: moved });
      return this.view({ ...tip, status: moved ? 'under_review' : tip.status });
    }
    if (tip.status === 'closed') {
      throw new DomainError(
        'conflict',
        'this tip is closed and takes no more messages; if you know more, please send a new tip',
      );
    }
    await this.messages.fromTipster(tip.tipId, body);
    this.logger.log({ msg: 'tipster message received', tipId: tip.tipId });
    return this.view(tip);
  }
}
