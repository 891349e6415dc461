import { DynamicModule, Module } from '@nestjs/common';
import { ConfigConcern } from './config-concern';

/**
 * The configuration of one process: each of its concerns loaded and validated once at boot and
 * provided globally under the concern's KEY. A class that injects a concern its process does not
 * load fails the boot ("Nest can't resolve dependencies"), not a request.
 */
@Module({})
export class AppConfigModule {
  /** `env`: where the values are read from (process.env; a tool may override some). */
  static forRoot(
    concerns: readonly ConfigConcern<unknown>[],
    env: NodeJS.ProcessEnv = process.env,
  ): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: concerns.map((c) => ({ provide: c.KEY, useFactory: () => c.load(env) })),
      exports: concerns.map((c) => c.KEY),
    };
  }
}
