import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthUser,
  CreateUserDto,
  CurrentUser,
  ROLES,
  Roles,
  UsersService,
  UserView,
} from '@app/auth';
import { ApiErrors } from '../openapi/api-error.schema';
import { UserSchema } from '../openapi/schemas/account.schemas';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserSchema })
  @ApiErrors({ 409: 'The username is taken (in any letter case)' })
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who am I', description: "The caller, as the server's record has it." })
  @ApiOkResponse({ type: UserSchema })
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.get(user.id);
  }
}
