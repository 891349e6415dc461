import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { checkBoot } from '@app/dispatch';
import { TipsModule, TipsterKeyRotationService } from '@app/tips';

@Module({ imports: [AppConfigModule, DatabaseModule.forRoot(), TipsModule] })
class RotateKeyModule {}

/**
 * `rotate-tipster-key`: re-seals every tipster identity under TIPSTER_KEY / TIPSTER_KEY_ID,
 * reading older values with the keys in TIPSTER_OLD_KEYS (id:base64,…). Safe to run again, and
 * alongside a running stack. Prints counts only.
 */
export async function rotateTipsterKey(): Promise<number> {
  await checkBoot();
  const app = await NestFactory.createApplicationContext(RotateKeyModule, {
    logger: ['error', 'warn'],
  });
  try {
    const result = await app.get(TipsterKeyRotationService).rotate('cli');
    console.log(JSON.stringify({ msg: 'tipster identities re-encrypted', ...result }));
    return 0;
  } finally {
    await app.close();
  }
}
