import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PasswordHasher } from '@app/crypto';
import { OutboxWriter } from '@app/dispatch';
import { PublicTipsService } from './follow-up/public-tips.service';
import { TipIntakeRepository } from './tip-intake.repository';
import { TipIntakeService } from './tip-intake.service';
import { TipMessagesRepository } from './tip-messages.repository';
import { TipMessagesService } from './tip-messages.service';
import { TipDeadlineService } from './tip-deadline.service';
import { TipQueryService } from './tip-query.service';
import { TipsRepository } from './tips.repository';
import { TipsterKeyRotationService } from './tipster-key-rotation.service';
import { TipsterRevealService } from './tipster-reveal.service';
import { TipsterCipher } from './tipster.cipher';
import { TipsterRepository } from './tipster.repository';

/**
 * The tips and their events, for the pipeline's stages (triage, linkage, leads). It holds no
 * tipster key: a worker that imports only this one needs none.
 */
@Module({
  imports: [AuditModule],
  providers: [TipsRepository],
  exports: [TipsRepository],
})
export class TipRecordsModule {}

/** Intake, queries, messages and tipster protection (the API and the key-rotation command). */
@Module({
  imports: [AuditModule, TipRecordsModule],
  providers: [
    TipsterRepository,
    TipIntakeRepository,
    TipMessagesRepository,
    TipIntakeService,
    TipQueryService,
    TipDeadlineService,
    TipMessagesService,
    TipsterCipher,
    TipsterRevealService,
    TipsterKeyRotationService,
    PublicTipsService,
    PasswordHasher,
    OutboxWriter,
  ],
  exports: [
    TipRecordsModule,
    TipIntakeService,
    TipQueryService,
    TipDeadlineService,
    TipMessagesService,
    TipsterCipher,
    TipsterRevealService,
    TipsterKeyRotationService,
    PublicTipsService,
  ],
})
export class TipsModule {}
