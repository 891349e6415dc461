import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { HttpConfig, httpConfig } from '@app/config';
import { checkBoot, failedToStart, stopOnSignals } from '@app/dispatch';
import { API_CONFIG, ApiModule } from './api.module';
import { configureApi, createHttpAdapter } from './bootstrap';

async function bootstrap(): Promise<void> {
  await checkBoot(API_CONFIG);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createHttpAdapter(), {
    bufferLogs: true,
    // The JSON parser and the body rules are configureApi's.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  await configureApi(app);
  stopOnSignals('api', app);
  const { port } = app.get<HttpConfig>(httpConfig.KEY);
  // Every interface, as Node listens by default: IPv6 and IPv4, or IPv4 alone on a host without
  // IPv6 (Fastify alone would listen on localhost only).
  try {
    await app.listen(port, '::');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT') throw err;
    await app.listen(port, '0.0.0.0');
  }
  app.get(Logger).log({ msg: 'api listening', port, pid: process.pid });
}

bootstrap().catch((err: unknown) => {
  failedToStart('api', err);
  process.exit(1);
});
