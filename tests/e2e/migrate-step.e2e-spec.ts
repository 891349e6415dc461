import { Client } from 'pg';
import { migrationNames } from '@app/database';
import { AppName, ProcessStack, RunningProcess } from '@tools/stack';
import { newTestEnv } from '@app/testing';

const lines = (p: RunningProcess) => p.output.join('').trim().split('\n');

/**
 * Migrations are a step of their own (`npm run migrate`): a process does not migrate, it checks
 * at start that the schema is current and otherwise refuses in one line.
 */
describe('migrate step: no process starts on a database it has not brought up to date', () => {
  it('refuses a missing database, an empty one and one a migration behind', async () => {
    const fresh = newTestEnv('migrate_step');
    const name = new URL(fresh.databaseUrl).pathname.slice(1);
    const unmigrated = await ProcessStack.create({ ...fresh, migrate: false });
    const refusal = async (app: AppName) => {
      await expect(unmigrated.start(app)).rejects.toThrow(/exited during start/);
      const out = lines(unmigrated.processes[unmigrated.processes.length - 1]);
      expect(out).toHaveLength(1);
      return (JSON.parse(out[0]) as { error: string }).error;
    };
    const db = new Client({ connectionString: new URL('/postgres', fresh.databaseUrl).toString() });
    try {
      // No database at all.
      for (const app of ['api', 'triage-worker'] as const) {
        expect(await refusal(app)).toBe(`the database ${name} does not exist: run npm run migrate`);
      }
      // A database with no schema.
      await db.connect();
      await db.query(`CREATE DATABASE "${name}"`);
      expect(await refusal('linkage-worker')).toMatch(
        /^the database schema is behind: run npm run migrate \(\d+ pending, from InitialSchema\d+\)$/,
      );
      // Migrated: it starts. A release with one more migration than the database has: refused.
      await unmigrated.migrate();
      await unmigrated.start('triage-worker');
      const last = migrationNames()[migrationNames().length - 1];
      const target = new Client({ connectionString: fresh.databaseUrl });
      await target.connect();
      await target.query('DELETE FROM migrations WHERE name = $1', [last]);
      await target.end();
      expect(await refusal('dispatcher')).toBe(
        `the database schema is behind: run npm run migrate (1 pending, from ${last})`,
      );
      expect(unmigrated.alive('triage-worker')).toHaveLength(1);
    } finally {
      await unmigrated.stop();
      await db.end().catch(() => undefined);
      await fresh.cleanup();
    }
  });
});
