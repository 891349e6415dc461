import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, LoginDto, LoginResult, Public } from '@app/auth';
import { ApiErrors } from '../openapi/api-error.schema';
import { LoginResultSchema } from '../openapi/schemas/account.schemas';
import { RateLimit } from '../security/rate-limit.guard';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in',
    description:
      'A bearer token for 15 minutes. Five failures in a row lock the account for 10 minutes; ' +
      'a wrong or reused one-time code is a failure too. With two-factor login on, send the ' +
      "authenticator app's current code in `otp`.",
  })
  @ApiOkResponse({ type: LoginResultSchema })
  @ApiErrors({
    401:
      'Bad credentials, a locked or a disabled account (one answer for all); or, with ' +
      '`mfaRequired: true`, a right password without a valid `otp`',
  })
  login(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.auth.login(dto.username, dto.password, dto.otp);
  }
}
