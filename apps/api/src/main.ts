import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/config';
import { checkBoot, failedToStart, stopOnSignals } from '@app/dispatch';
import { ApiModule } from './api.module';
import { configureApi } from './bootstrap';

async function bootstrap(): Promise<void> {
  await checkBoot();
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureApi(app);
  stopOnSignals('api', app);
  await app.listen(config.http.port);
  app.get(Logger).log({ msg: 'api listening', port: config.http.port, pid: process.pid });
}

bootstrap().catch((err: unknown) => {
  failedToStart('api', err);
  process.exit(1);
});
