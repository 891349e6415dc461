import { Module } from '@nestjs/common';
import { OutboxWriter } from '@app/dispatch';
import { TipIntakeService } from './tip-intake.service';
import { TipMessagesService } from './tip-messages.service';
import { TipQueryService } from './tip-query.service';
import { TipsRepository } from './tips.repository';
import { TipsterCipher } from './tipster.cipher';

@Module({
  providers: [
    TipsRepository,
    TipIntakeService,
    TipQueryService,
    TipMessagesService,
    TipsterCipher,
    OutboxWriter,
  ],
  exports: [TipsRepository, TipIntakeService, TipQueryService, TipMessagesService, TipsterCipher],
})
export class TipsModule {}
