#!/usr/bin/env node
// `npm run migrations:checksums`: records the sha256 of each new migration in
// libs/database/src/migrations/checksums.json. Run it once a new migration is final, and commit
// the manifest with it. A landed migration is never edited: if one no longer matches its
// recorded checksum (or is gone), this refuses and changes nothing; write a new migration
// instead. The unit spec beside the migrations fails on the same conditions.
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'libs', 'database', 'src', 'migrations');
const manifestPath = join(dir, 'checksums.json');
const MIGRATION_FILE = /^\d{13}-[A-Za-z0-9]+\.ts$/;

// Line endings are normalised so that a checkout with CRLF endings hashes the same.
const sha256 = (file) =>
  createHash('sha256')
    .update(readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

const recorded = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
const files = readdirSync(dir)
  .filter((f) => MIGRATION_FILE.test(f))
  .sort();
const problems = [];
for (const [file, sum] of Object.entries(recorded)) {
  if (!files.includes(file)) problems.push(`${file} is recorded but gone`);
  else if (sha256(file) !== sum) problems.push(`${file} changed after it landed`);
}
if (problems.length > 0) {
  console.error(`${problems.join('\n')}\nLanded migrations are never edited: add a new one.`);
  process.exit(1);
}
const added = files.filter((f) => !(f in recorded));
const manifest = Object.fromEntries(files.map((f) => [f, recorded[f] ?? sha256(f)]));
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(added.length ? `recorded: ${added.join(', ')}` : 'every migration is recorded');
