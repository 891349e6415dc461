import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ReferenceConfig, referenceConfig } from '@app/config';
import { CASE_KINDS, CATEGORIES, CATEGORY_LABELS, CHANNELS, SEVERITIES } from '@app/contracts';
import { ReferenceSchema } from '../openapi/schemas/operations.schemas';

@ApiTags('reference')
@Controller('api/reference')
@Public()
export class ReferenceController {
  constructor(@Inject(referenceConfig.KEY) private readonly config: ReferenceConfig) {}

  @Get()
  @ApiOperation({
    summary: 'The reference lists',
    description: 'The fixed lists intake accepts; wards come from configuration.',
  })
  @ApiOkResponse({ type: ReferenceSchema })
  reference(): ReferenceSchema {
    return {
      district: this.config.district,
      channels: CHANNELS,
      categories: CATEGORIES,
      categoryLabels: CATEGORY_LABELS,
      wards: this.config.wards,
      caseKinds: CASE_KINDS,
      severities: SEVERITIES,
    };
  }
}
