import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MfaKeyRotationModule, MfaKeyRotationService } from '@app/auth';
import { AppConfigModule, databaseConfig, tipsterConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { checkBoot } from '@app/dispatch';
import { AttachmentKeyRotationService, AttachmentKeysModule } from '@app/evidence';
import { TipsModule, TipsterKeyRotationService } from '@app/tips';

const ROTATE_KEY_CONFIG = [databaseConfig, tipsterConfig];

@Module({})
class RotateKeyModule {
  /** Built when the command runs (see DeadLettersModule.forCommand). */
  static forCommand(): DynamicModule {
    return {
      module: RotateKeyModule,
      imports: [
        AppConfigModule.forRoot(ROTATE_KEY_CONFIG),
        DatabaseModule.forRoot(),
        TipsModule,
        MfaKeyRotationModule,
        AttachmentKeysModule,
      ],
    };
  }
}

/**
 * `rotate-tipster-key`: re-seals every tipster identity, every two-factor secret (whose key is
 * derived from the same ring) and every attachment's chunks under TIPSTER_KEY / TIPSTER_KEY_ID,
 * reading older values with the keys in TIPSTER_OLD_KEYS (id:base64,…). Safe to run again, and
 * alongside a running stack. Prints counts only.
 */
export async function rotateTipsterKey(): Promise<number> {
  await checkBoot(ROTATE_KEY_CONFIG);
  const app = await NestFactory.createApplicationContext(RotateKeyModule.forCommand(), {
    logger: ['error', 'warn'],
  });
  try {
    const result = await app.get(TipsterKeyRotationService).rotate('cli');
    console.log(JSON.stringify({ msg: 'tipster identities re-encrypted', ...result }));
    // Two-factor secrets are sealed under keys derived from the same ring: they move with it.
    const mfa = await app.get(MfaKeyRotationService).rotate('cli');
    console.log(JSON.stringify({ msg: 'two-factor secrets re-encrypted', ...mfa }));
    const files = await app.get(AttachmentKeyRotationService).rotate('cli');
    console.log(JSON.stringify({ msg: 'attachments re-encrypted', ...files }));
    return 0;
  } finally {
    await app.close();
  }
}
