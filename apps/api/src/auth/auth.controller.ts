import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, LoginDto, LoginResult, Public } from '@app/auth';
import { RateLimit } from '../security/rate-limit.guard';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A bearer token for 15 minutes; 401 for any bad credentials or a locked account. */
  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.auth.login(dto.username, dto.password);
  }
}
