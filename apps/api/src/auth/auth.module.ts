import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccountsModule, AuthGuard, RouteAccessCheck } from '@app/auth';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';

/**
 * Login, users, and the global guard every route passes through. At start the route table is
 * checked: a route without @Roles() or @Public() stops the API.
 */
@Module({
  imports: [AccountsModule, DiscoveryModule],
  controllers: [AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useExisting: AuthGuard }, RouteAccessCheck],
})
export class AuthModule {}
