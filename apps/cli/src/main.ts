import 'reflect-metadata';
import { databaseConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { DEAD_LETTERS_USAGE, deadLetters } from './dead-letters.command';
import { rotateTipsterKey } from './rotate-key.command';
import { supervise } from './supervise.command';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>

  migrate   create the database if missing and run pending migrations (the processes do not
            migrate: they refuse to start on a schema that is behind)
  start     migrate, then run the API and every worker, restarting any that dies
  rotate-tipster-key
            re-encrypt every tipster identity under TIPSTER_KEY/TIPSTER_KEY_ID, reading old
            values with TIPSTER_OLD_KEYS (id:base64,id:base64)
${DEAD_LETTERS_USAGE}

The development tools (demo, bench, eval-triage) are in dist/tools/cli/src/main.js.`;

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'migrate':
      await migrate();
      return 0;
    case 'start':
      await migrate();
      return supervise();
    case 'rotate-tipster-key':
      return rotateTipsterKey();
    case 'dead-letters':
      return deadLetters('list', argv.slice(1));
    case 'redrive-dead-letters':
      return deadLetters('redrive', argv.slice(1));
    case 'discard-dead-letters':
      return deadLetters('discard', argv.slice(1));
    default:
      console.error(USAGE);
      return 2;
  }
}

/** The one step that creates and migrates the database (DATABASE_URL, nothing else is read). */
async function migrate(): Promise<void> {
  const applied = await prepareDatabase(databaseConfig.load().url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
