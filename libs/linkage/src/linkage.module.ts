import { Module } from '@nestjs/common';
import { TipsModule } from '@app/tips';
import { CaseSuggester } from './case-suggester';
import { LinkTipService } from './link-tip.service';

@Module({
  imports: [TipsModule],
  providers: [LinkTipService, CaseSuggester],
  exports: [LinkTipService, CaseSuggester],
})
export class LinkageModule {}
