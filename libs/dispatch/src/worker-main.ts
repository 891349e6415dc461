import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';

/**
 * Boots a queue-consuming process: the database is created and migrated first, SIGTERM/SIGINT
 * close the workers, which wait for in-flight jobs before the process exits.
 */
export async function runWorker(name: string, module: Type<unknown>): Promise<void> {
  try {
    const config = loadConfig();
    await prepareDatabase(config.database.url);
    const app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    app.get(Logger).log({ msg: `${name} started`, pid: process.pid });
  } catch (err) {
    console.error(JSON.stringify({ app: name, msg: 'failed to start', error: String(err) }));
    process.exit(1);
  }
}
