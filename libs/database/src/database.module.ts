import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig, databaseConfig } from '@app/config';
import { dataSourceOptions, SessionSettings } from './data-source-options';

function typeOrm(session: SessionSettings = {}, prepared: boolean | 'marked' = false) {
  return TypeOrmModule.forRootAsync({
    inject: [databaseConfig.KEY],
    useFactory: (database: DatabaseConfig) => ({
      ...dataSourceOptions(database.url, database.poolSize, session, prepared),
      retryAttempts: 3,
      retryDelay: 1000,
    }),
  });
}

/**
 * The PostgreSQL record, one data source per process, registered only by the variant the process
 * imports (a registration at import time would make every process warn of a second default data
 * source). A process checks at boot that the schema is migrated (npm run migrate).
 */
@Module({})
export class DatabaseModule {
  /** Default settings: the dispatcher, the housekeeper and the command-line tools. */
  static forRoot(): DynamicModule {
    return { module: DatabaseModule, imports: [typeOrm()] };
  }

  /**
   * For the API: its queries answer requests — short index scans and probes, reports included —
   * for which starting parallel workers or compiling (JIT) costs more than it saves, and the
   * workers they would take are the machine's to share. A funnel cut mid-day at 1 M tips: its
   * case query 17–28 ms serially against 33–42 ms with two parallel workers (two cores).
   * Its hot statements (a claim and the tips it moves) are marked PREPARED and run prepared.
   */
  static forRequests(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [typeOrm({ max_parallel_workers_per_gather: '0', jit: 'off' }, 'marked')],
    };
  }

  /**
   * For the pipeline's workers: the same few keyed statements for every tip, so they run as
   * prepared statements and stop being planned (PreparingClient). Not for the API, whose report
   * and list statements take their filters' shapes, nor for the housekeeper, whose projector
   * statements are planned once a second against years of rows.
   *
   * JIT is off: a batch's duplicate search is planned above JIT's cost threshold and spent
   * 60 ms compiling to save nothing (EXPLAIN ANALYZE, 32 tips against 100 k: 62 ms of JIT in
   * 536 ms).
   *
   * `asyncCommit` (triage, linkage): their commits do not wait for the WAL flush. The flush
   * wait otherwise sits inside triage's per-ward lock. A server crash can lose the last few
   * hundred milliseconds of such commits, always a suffix of the WAL: the tips fall back to the
   * stage before, whose acknowledged record is durable, and the stage reconciler drives them on
   * again (stages are idempotent). Not for the outcome worker: no reconciler re-drives outcomes.
   */
  static forPipeline(opts: { asyncCommit: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        typeOrm(
          opts.asyncCommit ? { synchronous_commit: 'off', jit: 'off' } : { jit: 'off' },
          true,
        ),
      ],
    };
  }
}
