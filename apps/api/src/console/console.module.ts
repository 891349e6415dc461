import { Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConsoleAssets } from './console-assets';
import { CONSOLE_ASSETS, ConsoleController } from './console.controller';

/** `vite build` writes the console to dist/console, beside dist/apps (this file runs from dist/apps/api/src/console). */
export const CONSOLE_DIR = resolve(__dirname, '../../../../console');

/** Imported last by ApiModule: its catch-all GET passes every API path on. */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: CONSOLE_ASSETS, useFactory: () => new ConsoleAssets(CONSOLE_DIR) }],
})
export class ConsoleModule {}
