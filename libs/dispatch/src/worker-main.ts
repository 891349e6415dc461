import { INestApplicationContext, Type } from '@nestjs/common';
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
    stopOnSignals(name, app);
    app.get(Logger).log({ msg: `${name} started`, pid: process.pid });
  } catch (err) {
    console.error(JSON.stringify({ app: name, msg: 'failed to start', error: String(err) }));
    process.exit(1);
  }
}

/**
 * SIGTERM/SIGINT close the application (BullMQ workers finish their in-flight jobs first) and
 * exit 0; a second signal exits at once.
 */
export function stopOnSignals(name: string, app: INestApplicationContext): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    const logger = app.get(Logger);
    logger.log({ msg: `${name} stopping`, signal });
    app.close().then(
      () => {
        logger.log({ msg: `${name} stopped` });
        process.exit(0);
      },
      (err: unknown) => {
        console.error(JSON.stringify({ app: name, msg: 'unclean stop', error: String(err) }));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
