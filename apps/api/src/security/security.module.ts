import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthConfig, authConfig, RateLimitsConfig, rateLimitsConfig } from '@app/config';
import { EvidenceModule } from '@app/evidence';
import { RetentionModule } from '@app/retention';
import { TipsModule } from '@app/tips';
import { LegalHoldController } from './legal-hold.controller';
import { PublicTipsController } from './public-tips.controller';
import { RateLimitGuard, setTrackerKey } from './rate-limit.guard';
import { RateLimitStore } from './rate-limit.store';
import { TipsterController } from './tipster.controller';

const MINUTE_MS = 60_000;

/** One rate-limit store per process, shared by the throttler and the follow-up code checks. */
@Module({
  providers: [RateLimitStore],
  exports: [RateLimitStore],
})
export class SecurityStoreModule {}

/**
 * The routes of tipster protection (break-glass identity, the public channel, legal holds) and
 * the API's rate limits: login and the public channel, per client, counted in Redis.
 */
@Module({
  imports: [
    TipsModule,
    EvidenceModule,
    RetentionModule,
    ThrottlerModule.forRootAsync({
      imports: [SecurityStoreModule],
      inject: [authConfig.KEY, rateLimitsConfig.KEY, RateLimitStore],
      useFactory: (auth: AuthConfig, r: RateLimitsConfig, store: RateLimitStore) => {
        setTrackerKey(auth.jwtSecret);
        return {
          throttlers: [
            { name: 'login', ttl: MINUTE_MS, limit: r.loginPerMinute },
            { name: 'public-submit', ttl: MINUTE_MS, limit: r.publicSubmitPerMinute },
            { name: 'public-read', ttl: MINUTE_MS, limit: r.publicReadPerMinute },
          ],
          storage: store,
        };
      },
    }),
    SecurityStoreModule,
  ],
  controllers: [TipsterController, PublicTipsController, LegalHoldController],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class SecurityModule {}
