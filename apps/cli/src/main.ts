import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { runDemo } from './demo/demo.command';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>

  migrate   create the database if missing and run pending migrations
  demo      replay District 4's 2023 through a fresh stack and print the figures`;

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'migrate': {
      const applied = await prepareDatabase(loadConfig().database.url);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return 0;
    }
    case 'demo':
      return runDemo(argv.slice(1));
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
