import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { dataSourceOptions, SessionSettings } from './data-source-options';

function typeOrm(session: SessionSettings = {}) {
  return TypeOrmModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      ...dataSourceOptions(config.database.url, config.database.poolSize, session),
      retryAttempts: 3,
      retryDelay: 1000,
    }),
  });
}

/** The PostgreSQL record. Each process creates/migrates the database before it boots. */
@Module({ imports: [typeOrm()] })
export class DatabaseModule {
  /**
   * For the API: its queries answer requests — short index scans and probes, reports included —
   * for which starting parallel workers or compiling (JIT) costs more than it saves, and the
   * workers they would take are the machine's to share. A funnel cut mid-day at 1 M tips: its
   * case query 17–28 ms serially against 33–42 ms with two parallel workers (two cores).
   */
  static forRequests(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [typeOrm({ max_parallel_workers_per_gather: '0', jit: 'off' })],
    };
  }
}
