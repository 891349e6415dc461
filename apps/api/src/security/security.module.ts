import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfigModule, APP_CONFIG, AppConfig } from '@app/config';
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
  imports: [AppConfigModule],
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
    AppConfigModule,
    TipsModule,
    RetentionModule,
    ThrottlerModule.forRootAsync({
      imports: [SecurityStoreModule],
      inject: [APP_CONFIG, RateLimitStore],
      useFactory: (config: AppConfig, store: RateLimitStore) => {
        setTrackerKey(config.security.jwtSecret);
        const r = config.rateLimits;
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
