import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '@app/database';
import type { SessionSettings } from '@app/database';
import { newTestEnv, TestEnv } from './test-env';

/** A test file's own migrated database (and queue prefix), with a DataSource open on it. */
export interface TestDatabase extends TestEnv {
  ds: DataSource;
}

/**
 * Makes the database of `newTestEnv(name)`, migrates it, and opens a DataSource of `poolSize`
 * connections on it; `cleanup()` closes the DataSource, then drops the database and the queue
 * prefix's keys.
 */
export async function testDatabase(
  name: string,
  poolSize = 2,
  session: SessionSettings = {},
): Promise<TestDatabase> {
  const env = newTestEnv(name);
  const ds = new DataSource(dataSourceOptions(env.databaseUrl, poolSize, session));
  try {
    await prepareDatabase(env.databaseUrl);
    await ds.initialize();
  } catch (err) {
    // The caller gets no handle to clean up with: the database goes now.
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    await env.cleanup();
    throw err;
  }
  return {
    ...env,
    ds,
    async cleanup() {
      await ds.destroy().catch(() => undefined);
      await env.cleanup();
    },
  };
}
