import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import {
  AssignCaseDto,
  CaseService,
  CaseView,
  CreateCaseDto,
  ListCasesQuery,
  RecordArrestDto,
  ResolveCaseDto,
} from '@app/cases';
import { DomainError } from '@app/contracts';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import { ArrestSchema, CasePageSchema, CaseViewSchema } from '../openapi/schemas/case.schemas';

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

@ApiTags('cases')
@Controller('api/cases')
@Roles('investigator', 'supervisor')
export class CasesController {
  constructor(private readonly cases: CaseService) {}

  @Post()
  @ApiOperation({ summary: 'Open a case', description: 'The caller becomes its creator.' })
  @ApiCreatedResponse({ type: CaseViewSchema })
  async create(@Body() dto: CreateCaseDto, @CurrentUser() user: AuthUser): Promise<CaseView> {
    return this.cases.get(await this.cases.create(dto, user));
  }

  @Get()
  @ApiOperation({ summary: 'List cases', description: 'Newest first.' })
  @ApiOkResponse({ type: CasePageSchema })
  list(@Query() q: ListCasesQuery) {
    return this.cases.list(q);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Assign a case',
    description:
      'A supervisor gives the case to an enabled investigator, who works it from now on.',
  })
  @ApiOkResponse({ type: CaseViewSchema })
  assign(
    @Param('id') id: string,
    @Body() dto: AssignCaseDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseView> {
    return this.cases.assign(idOr404(id, 'case'), dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a case' })
  @ApiOkResponse({ type: CaseViewSchema })
  get(@Param('id') id: string): Promise<CaseView> {
    return this.cases.get(idOr404(id, 'case'));
  }

  @Post(':id/arrests')
  @ApiOperation({
    summary: 'Record an arrest',
    description: 'With an Idempotency-Key, a repeated call answers the arrest recorded first.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1 to 200 visible ASCII characters',
  })
  @ApiCreatedResponse({ type: ArrestSchema })
  @ApiErrors({ 409: 'The case is resolved' })
  arrest(
    @Param('id') id: string,
    @Body() dto: RecordArrestDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ) {
    if (key !== undefined && !KEY_RE.test(key)) {
      throw new DomainError('invalid', 'Idempotency-Key is not valid', {
        'Idempotency-Key': ['Idempotency-Key must be 1 to 200 visible ASCII characters'],
      });
    }
    return this.cases.recordArrest(idOr404(id, 'case'), dto, user, key);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a case', description: 'Solved or unfounded.' })
  @ApiOkResponse({ type: CaseViewSchema })
  @ApiErrors({ 409: 'The case is already resolved' })
  resolve(
    @Param('id') id: string,
    @Body() dto: ResolveCaseDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseView> {
    return this.cases.resolve(idOr404(id, 'case'), dto, user);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reopen a resolved case' })
  @ApiOkResponse({ type: CaseViewSchema })
  @ApiErrors({ 409: 'The case is not resolved' })
  reopen(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<CaseView> {
    return this.cases.reopen(idOr404(id, 'case'), user);
  }
}
