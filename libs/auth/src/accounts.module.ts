import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthConfig, authConfig } from '@app/config';
import { AccessTokens, TOKEN_ALGORITHM, TOKEN_ISSUER, TOKEN_TTL_SECONDS } from './access-tokens';
import { AuthUserCache } from './auth-user.cache';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { PasswordHasher } from '@app/crypto';
import { MfaSecretCipher } from './mfa-secret.cipher';
import { MfaService } from './mfa.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Users, passwords, two-factor login, tokens and the guard's view of the caller. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (auth: AuthConfig) => ({
        // A KeyObject built once: given a string, jsonwebtoken first tries (and fails) to parse it
        // as a public key and then builds a secret key, on every sign and verify (~0.8 ms each).
        secret: createSecretKey(Buffer.from(auth.jwtSecret, 'utf8')),
        signOptions: {
          algorithm: TOKEN_ALGORITHM,
          issuer: TOKEN_ISSUER,
          expiresIn: TOKEN_TTL_SECONDS,
        },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER },
      }),
    }),
  ],
  providers: [
    UsersRepository,
    PasswordHasher,
    AccessTokens,
    AuthUserCache,
    MfaSecretCipher,
    MfaService,
    AuthService,
    UsersService,
    AuthGuard,
    FirstAdminBootstrap,
  ],
  exports: [AuthService, UsersService, MfaService, AuthGuard, AccessTokens, AuthUserCache],
})
export class AccountsModule {}
