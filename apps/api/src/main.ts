import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { HttpConfig, httpConfig } from '@app/config';
import { checkBoot, failedToStart, stopOnSignals } from '@app/dispatch';
import { API_CONFIG, ApiModule } from './api.module';
import { configureApi } from './bootstrap';

async function bootstrap(): Promise<void> {
  await checkBoot(API_CONFIG);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureApi(app);
  stopOnSignals('api', app);
  const { port } = app.get<HttpConfig>(httpConfig.KEY);
  await app.listen(port);
  app.get(Logger).log({ msg: 'api listening', port, pid: process.pid });
}

bootstrap().catch((err: unknown) => {
  failedToStart('api', err);
  process.exit(1);
});
