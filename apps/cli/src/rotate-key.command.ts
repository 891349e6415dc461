import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, loadConfig } from '@app/config';
import { DatabaseModule, prepareDatabase } from '@app/database';
import { TipsModule, TipsterKeyRotationService } from '@app/tips';

@Module({ imports: [AppConfigModule, DatabaseModule, TipsModule] })
class RotateKeyModule {}

/**
 * `rotate-tipster-key`: re-seals every tipster identity under TIPSTER_KEY / TIPSTER_KEY_ID,
 * reading older values with the keys in TIPSTER_OLD_KEYS (id:base64,…). Safe to run again, and
 * alongside a running stack. Prints counts only.
 */
export async function rotateTipsterKey(): Promise<number> {
  const config = loadConfig();
  await prepareDatabase(config.database.url);
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
