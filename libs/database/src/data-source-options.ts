import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { MarkedPreparingClient, PreparingClient } from './preparing-client';

/** Per-connection server settings, e.g. { max_parallel_workers_per_gather: '0' }. */
export type SessionSettings = Record<string, string>;

export function dataSourceOptions(
  url: string,
  poolSize = 10,
  session: SessionSettings = {},
  /** Run parameterised statements as prepared statements (see PreparingClient): all of them, or
   * only those marked with PREPARED. */
  prepared: boolean | 'marked' = false,
): DataSourceOptions {
  const options = Object.entries(session)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Off: TypeORM would print failed queries with their parameters, i.e. tip text.
    logging: false,
    extra: {
      max: poolSize,
      // A query waiting on a dead server fails instead of hanging the request.
      connectionTimeoutMillis: 5_000,
      application_name: 'tiptrace',
      ...(options ? { options } : {}),
      ...(prepared === 'marked'
        ? { Client: MarkedPreparingClient }
        : prepared
          ? { Client: PreparingClient }
          : {}),
    },
  };
}
