import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './index';

/**
 * Migrations are append-only. checksums.json records each landed migration's sha256; a change to
 * one (or its removal) fails here. A new migration is recorded with
 * `npm run migrations:checksums` (scripts/migration-checksums.js, which never rewrites a landed one).
 */
const MIGRATION_FILE = /^(\d{13})-([A-Za-z0-9]+)\.ts$/;
const files = readdirSync(__dirname)
  .filter((f) => MIGRATION_FILE.test(f))
  .sort();
const recorded = JSON.parse(readFileSync(join(__dirname, 'checksums.json'), 'utf8')) as Record<
  string,
  string
>;
// As the script hashes: line endings normalised, so a CRLF checkout hashes the same.
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(__dirname, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('migrations', () => {
  it('leaves every landed migration as it landed', () => {
    const changed = Object.entries(recorded)
      .filter(([file, sum]) => !files.includes(file) || sha256(file) !== sum)
      .map(([file]) => `${file} changed or was removed after it landed: add a new migration`);
    expect(changed).toEqual([]);
  });

  it('records every migration (npm run migrations:checksums)', () => {
    expect(files.filter((f) => !(f in recorded))).toEqual([]);
  });

  it('runs every migration file, in the order of their timestamps, under its class name', () => {
    const expected = files.map((f) => {
      const [, stamp, name] = MIGRATION_FILE.exec(f)!;
      return `${name}${stamp}`;
    });
    expect(MIGRATIONS.map((M) => M.name)).toEqual(expected);
    expect(MIGRATIONS.map((M) => new M().name ?? M.name)).toEqual(expected);
  });
});
