import { Client } from 'pg';
import { MIGRATIONS } from './migrations';

/** The database a process was pointed at is missing or not migrated: nothing is started. */
export class SchemaNotCurrentError extends Error {
  override name = 'SchemaNotCurrentError';
}

/** The names TypeORM records for this build's migrations, in order. */
export function migrationNames(): string[] {
  return MIGRATIONS.map((M) => new M().name ?? M.name);
}

/**
 * Refuses to start against a database that `npm run migrate` has not brought up to this build:
 * processes do not migrate (migrations are an explicit step, run once, by `npm start`, the demo
 * and the compose file's `migrate` service). A database migrated further than this build knows
 * (a newer release's migrations) is accepted: migrations add, so an older process still runs.
 */
export async function assertSchemaCurrent(url: string): Promise<void> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    application_name: 'tiptrace',
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    // 3D000: invalid_catalog_name, the database does not exist.
    if ((err as { code?: string }).code === '3D000') {
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      throw new SchemaNotCurrentError(`the database ${name} does not exist: run npm run migrate`);
    }
    throw err;
  }
  try {
    const table = await client.query<{ found: boolean }>(
      `SELECT to_regclass('migrations') IS NOT NULL AS found`,
    );
    const applied = new Set<string>();
    if (table.rows[0]?.found) {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations');
      for (const r of rows) applied.add(r.name);
    }
    const pending = migrationNames().filter((n) => !applied.has(n));
    if (pending.length > 0) {
      throw new SchemaNotCurrentError(
        `the database schema is behind: run npm run migrate (${pending.length} pending, from ${pending[0]})`,
      );
    }
  } finally {
    await client.end();
  }
}
