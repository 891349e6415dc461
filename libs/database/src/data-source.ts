import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Data source for the TypeORM CLI (migration:show / migration:generate --check). */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/tiptrace'),
);
