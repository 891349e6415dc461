import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Any number to serialise concurrent migration runs (e.g. two stacks on one database). */
const MIGRATION_LOCK = 73_201_001;

/** Creates the database named in the URL when it is missing (the server must answer). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (err) {
        // Another process created it between our check and our create (42P04, or 23505 when
        // both inserted into pg_database at the same moment).
        const code = (err as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * The migrate step (`cli migrate`, run by `npm run migrate`, `npm start`, the demo and the test
 * stacks): creates the database if missing and runs pending migrations under an advisory lock.
 * The processes never call it; they check the schema at boot (assertSchemaCurrent).
 */
export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}
