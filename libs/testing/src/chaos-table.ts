import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One line of the chaos suite's table: what a scenario did to the record. */
export interface ChaosRow {
  scenario: string;
  /** Tips (or requests, for the fuzz scenario) driven through the stack. */
  tips: number;
  /** Acknowledged but missing from the record. */
  lost: number;
  /** Stored twice: two leads for one tip, an arrest, event or audit entry twice. */
  duplicated: number;
  /** Stored but never acknowledged (or stored by a rejected request). */
  unexpected: number;
  /** Longest time from a fault to the stack settling again, in seconds. */
  maxRecoverySeconds: number;
  notes?: string;
}

export const CHAOS_DIR = resolve(__dirname, '../../../test-artifacts/chaos');
const ROWS_DIR = join(CHAOS_DIR, 'rows');

export function chaosSize(): 'ci' | 'full' {
  return process.env.CHAOS_SIZE === 'full' ? 'full' : 'ci';
}

/** Tip count for a scenario: CHAOS_TIPS wins, then the full size, then the CI size. */
export function chaosTips(ci: number, full: number): number {
  const forced = Number(process.env.CHAOS_TIPS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  return chaosSize() === 'full' ? full : ci;
}

/** Records a scenario's row; the chaos project's teardown prints all rows as one table. */
export function recordChaosRow(row: ChaosRow): void {
  mkdirSync(ROWS_DIR, { recursive: true });
  const slug = row.scenario.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  writeFileSync(join(ROWS_DIR, `${slug}.json`), JSON.stringify({ ...row, at: new Date() }));
}

export function clearChaosRows(): void {
  rmSync(ROWS_DIR, { recursive: true, force: true });
}

export function readChaosRows(): ChaosRow[] {
  let files: string[];
  try {
    files = readdirSync(ROWS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(ROWS_DIR, f), 'utf8')) as ChaosRow)
    .sort((a, b) => a.scenario.localeCompare(b.scenario, 'en', { numeric: true }));
}

/** The table as Markdown, as the README shows it. */
export function formatChaosTable(rows: ChaosRow[]): string {
  const head =
    '| Scenario | Tips | Lost | Duplicated | Unexpected | Max time to recover |\n' +
    '|---|--:|--:|--:|--:|--:|';
  const lines = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.tips.toLocaleString('en-US')} | ${r.lost} | ${r.duplicated} | ` +
      `${r.unexpected} | ${r.maxRecoverySeconds.toFixed(1)} s |`,
  );
  return [head, ...lines].join('\n');
}

/** Prints the table and writes it (Markdown and JSON) beside the rows. */
export function writeChaosTable(): string {
  const rows = readChaosRows();
  const table = formatChaosTable(rows);
  mkdirSync(CHAOS_DIR, { recursive: true });
  writeFileSync(join(CHAOS_DIR, 'table.md'), `${table}\n`);
  writeFileSync(
    join(CHAOS_DIR, 'table.json'),
    JSON.stringify({ size: chaosSize(), rows }, null, 2),
  );
  return table;
}
