import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuthUser,
  ChangePasswordDto,
  ConfirmMfaDto,
  CreateUserDto,
  CurrentUser,
  MeView,
  MfaEnrolment,
  MfaService,
  OpenDuring,
  ResetPasswordDto,
  ROLES,
  Roles,
  UpdateUserDto,
  UsersService,
  UserView,
} from '@app/auth';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import {
  MeSchema,
  MfaEnrolmentSchema,
  UserListSchema,
  UserSchema,
} from '../openapi/schemas/account.schemas';

/**
 * Accounts. The caller's own routes (`me`) come first, so `me` is never read as an `:id`; they
 * stay open while the caller must still change its password or turn on two-factor login.
 */
@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly mfa: MfaService,
  ) {}

  @Get('me')
  @Roles(...ROLES)
  @OpenDuring('password_change', 'mfa_enrolment')
  @ApiOperation({
    summary: 'Who am I',
    description:
      "The caller, as the server's record has it, with what it must do first. Open while a " +
      'password change or the two-factor enrolment is pending.',
  })
  @ApiOkResponse({ type: MeSchema })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.users.me(user.id);
  }

  @Post('me/password')
  @Roles(...ROLES)
  @OpenDuring('password_change', 'mfa_enrolment')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change my password',
    description:
      'Every token of the account, this one included, stops working (at once on this server, ' +
      'within AUTH_USER_CACHE_MS on others): log in again with the new password. A wrong ' +
      'current password counts as a failed login.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors({ 403: 'The current password is wrong (or the account is locked)' })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.users.changeOwnPassword(user, dto.currentPassword, dto.newPassword);
  }

  @Post('me/mfa')
  @Roles(...ROLES)
  @OpenDuring('mfa_enrolment')
  @ApiOperation({
    summary: 'Start two-factor enrolment',
    description:
      'A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), pending until confirmed; calling ' +
      'again replaces a pending one. Shown this once.',
  })
  @ApiCreatedResponse({ type: MfaEnrolmentSchema })
  @ApiErrors({ 409: 'Two-factor login is already on (an admin can turn it off)' })
  beginMfa(@CurrentUser() user: AuthUser): Promise<MfaEnrolment> {
    return this.mfa.begin(user);
  }

  @Post('me/mfa/confirm')
  @Roles(...ROLES)
  @OpenDuring('mfa_enrolment')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn two-factor login on',
    description:
      'With the current code of the pending secret. From then on login needs `otp`; a code is ' +
      'accepted once.',
  })
  @ApiNoContentResponse({ description: 'Two-factor login is on' })
  @ApiErrors({ 409: 'No enrolment is pending, or two-factor login is already on' })
  async confirmMfa(@CurrentUser() user: AuthUser, @Body() dto: ConfirmMfaDto): Promise<void> {
    await this.mfa.confirm(user, dto.code);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserSchema })
  @ApiErrors({ 409: 'The username is taken (in any letter case)' })
  create(@CurrentUser() admin: AuthUser, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(admin, dto);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List users', description: 'Every account, by username.' })
  @ApiOkResponse({ type: UserListSchema })
  async list(): Promise<{ items: UserView[] }> {
    return { items: await this.users.list() };
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change a user',
    description:
      'Role, disabled, display name (null clears it); a field left out stays. A disabled ' +
      'account cannot log in and its tokens stop working within AUTH_USER_CACHE_MS (30 s); a ' +
      'role change takes effect within the same time.',
  })
  @ApiOkResponse({ type: UserSchema })
  @ApiErrors({ 409: 'That would disable or demote the last enabled admin' })
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(admin, idOr404(id, 'user'), dto);
  }

  @Post(':id/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Reset a password',
    description:
      "Sets a new password and lifts a lockout; the user's tokens stop working, its next login " +
      'answers `mustChangePassword: true`, and until it changes the password every route but ' +
      '`POST /api/users/me/password` and `GET /api/users/me` answers 403.',
  })
  @ApiNoContentResponse({ description: 'Reset' })
  async resetPassword(
    @CurrentUser() admin: AuthUser,
    @Param('id') id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    await this.users.resetPassword(admin, idOr404(id, 'user'), dto.newPassword);
  }

  @Delete(':id/mfa')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn off two-factor login',
    description: 'For a lost device: the secret is deleted and the user can enrol again.',
  })
  @ApiNoContentResponse({ description: 'Two-factor login is off' })
  async resetMfa(@CurrentUser() admin: AuthUser, @Param('id') id: string): Promise<void> {
    await this.mfa.reset(admin, idOr404(id, 'user'));
  }
}
