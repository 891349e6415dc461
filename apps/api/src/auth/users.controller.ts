import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AuthUser,
  CreateUserDto,
  CurrentUser,
  ROLES,
  Roles,
  UsersService,
  UserView,
} from '@app/auth';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 with the new user; 409 when the username is taken in any case. */
  @Post()
  @Roles('admin')
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  /** The caller, as the server's record has it. */
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.get(user.id);
  }
}
