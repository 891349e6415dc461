import { Module } from '@nestjs/common';
import { OutboxWriter } from '@app/dispatch';
import { TipRecordsModule } from '@app/tips';
import { CaseSuggester } from './case-suggester';
import { LinkTipService } from './link-tip.service';
import { LinkageRepository } from './linkage.repository';

@Module({
  imports: [TipRecordsModule],
  providers: [LinkTipService, CaseSuggester, LinkageRepository, OutboxWriter],
  exports: [LinkTipService, CaseSuggester],
})
export class LinkageModule {}
