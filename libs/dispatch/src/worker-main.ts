import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { checkConfig, ConfigConcern, ConfigError, databaseConfig } from '@app/config';
import { assertSchemaCurrent, SchemaNotCurrentError } from '@app/database';

/**
 * What every process checks before it starts anything: its own configuration (the concerns it
 * loads, nothing else), then that the database has been migrated. Either failure is a refusal
 * with one line saying why.
 */
export async function checkBoot(config: readonly ConfigConcern<unknown>[]): Promise<void> {
  checkConfig(config);
  await assertSchemaCurrent(databaseConfig.load().url);
}

/** The one line a process prints when it cannot start. */
export function failedToStart(app: string, err: unknown): void {
  const refused = err instanceof ConfigError || err instanceof SchemaNotCurrentError;
  console.error(
    JSON.stringify({ app, msg: 'failed to start', error: refused ? err.message : String(err) }),
  );
}

/**
 * Boots a queue-consuming process with the configuration `config` lists: refuses to start on a
 * bad value or an unmigrated database; SIGTERM/SIGINT close the workers, which wait for in-flight
 * jobs before the process exits.
 */
export async function runWorker(
  name: string,
  module: Type<unknown>,
  config: readonly ConfigConcern<unknown>[],
): Promise<void> {
  try {
    await checkBoot(config);
    const app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    stopOnSignals(name, app);
    app.get(Logger).log({ msg: `${name} started`, pid: process.pid });
  } catch (err) {
    failedToStart(name, err);
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
