import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CASE_KINDS, CATEGORIES, CATEGORY_LABELS, CHANNELS, SEVERITIES } from '@app/contracts';
import { ReferenceSchema } from '../openapi/schemas/operations.schemas';

@ApiTags('reference')
@Controller('api/reference')
@Public()
export class ReferenceController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary: 'The reference lists',
    description: 'The fixed lists intake accepts; wards come from configuration.',
  })
  @ApiOkResponse({ type: ReferenceSchema })
  reference(): ReferenceSchema {
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
