import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseConfig, databaseConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

/**
 * How far the server behind DATABASE_READ_URL is behind its primary, in ms: 0 on a primary, on a
 * standby that has replayed all it received, null on a standby that is not streaming (its
 * primary is gone: it may be any amount behind).
 */
const LAG_SQL = `SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE GREATEST(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)
  END AS lag_ms`;

/** How long one lag reading is trusted. */
const CHECK_EVERY_MS = 1000;

/**
 * Where the reports' read-only queries go: the standby named by DATABASE_READ_URL while it
 * streams from the primary less than DATABASE_READ_MAX_LAG_MS behind (read at most once a
 * second), else the primary. Unset, it is always the primary, and no second pool is opened.
 */
@Injectable()
export class ReportReader implements OnModuleDestroy {
  private readonly logger = new Logger(ReportReader.name);
  private standby: DataSource | null = null;
  private usable = false;
  private checkedAt = 0;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly primary: DataSource,
    @Inject(databaseConfig.KEY) private readonly config: DatabaseConfig,
  ) {}

  async source(): Promise<DataSource> {
    if (!this.config.readUrl) return this.primary;
    if (Date.now() - this.checkedAt >= CHECK_EVERY_MS) {
      this.checking ??= this.check().finally(() => (this.checking = null));
      await this.checking;
    }
    return this.usable && this.standby ? this.standby : this.primary;
  }

  private async check(): Promise<void> {
    const was = this.usable;
    try {
      if (!this.standby) {
        const ds = new DataSource(
          dataSourceOptions(
            this.config.readUrl!,
            Math.max(2, Math.ceil(this.config.poolSize / 2)),
            {
              default_transaction_read_only: 'on',
              max_parallel_workers_per_gather: '0',
              jit: 'off',
            },
          ),
        );
        try {
          await ds.initialize();
        } catch (err) {
          await ds.destroy().catch(() => undefined);
          throw err;
        }
        this.standby = ds;
      }
      const [row]: { lag_ms: number | string | null }[] = await this.standby.query(LAG_SQL);
      this.usable = row.lag_ms !== null && Number(row.lag_ms) <= this.config.readMaxLagMs;
    } catch {
      this.usable = false;
    }
    this.checkedAt = Date.now();
    if (was !== this.usable) {
      this.logger.log(this.usable ? 'reports read the standby' : 'reports read the primary');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.standby?.destroy().catch(() => undefined);
  }
}
