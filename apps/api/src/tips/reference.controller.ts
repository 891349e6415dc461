import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CASE_KINDS, CATEGORIES, CATEGORY_LABELS, CHANNELS, SEVERITIES } from '@app/contracts';

@ApiTags('reference')
@Controller('api/reference')
@Public()
export class ReferenceController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The fixed lists intake accepts; wards come from configuration. */
  @Get()
  reference() {
    return {
      district: this.config.reference.district,
      channels: CHANNELS,
      categories: CATEGORIES,
      categoryLabels: CATEGORY_LABELS,
      wards: this.config.reference.wards,
      caseKinds: CASE_KINDS,
      severities: SEVERITIES,
    };
  }
}
