import { Module } from '@nestjs/common';
import { TipRecordsModule } from '@app/tips';
import { CaseSuggester } from './case-suggester';
import { LinkTipService } from './link-tip.service';

@Module({
  imports: [TipRecordsModule],
  providers: [LinkTipService, CaseSuggester],
  exports: [LinkTipService, CaseSuggester],
})
export class LinkageModule {}
