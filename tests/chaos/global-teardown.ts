import { chaosSize, writeChaosTable } from '../../libs/testing/src/chaos-table';

/** Prints the scenarios' table once every chaos file has run. */
export default function globalTeardown(): void {
  const table = writeChaosTable();
  process.stdout.write(`\nChaos suite (${chaosSize()} size)\n${table}\n`);
}
